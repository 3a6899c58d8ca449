import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { disableStaffUser } from "../../../server/staff/disable-staff-user";
import { purgeSignInThrottles } from "../../../server/sign-in-throttle/purge-sign-in-throttles";
import { signInStaff } from "../../../server/staff/sign-in-staff";
import { verifyStaffTotp } from "../../../server/staff/verify-staff-totp";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext } from "../../support/test-context";
import { at, codeAt, createUser, createUserWithTotp, PASSWORD, staffEmail } from "./fixtures";

describe.each(testDialects())("staff sign-in on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  const t0 = new Date("2026-12-01T09:00:00.000Z");

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const auditFor = async (userId: string | null, action: string) => {
    const rows = await ctx.db.selectFrom("audit_events").selectAll().where("action", "=", action).orderBy("seq", "asc").execute();
    return rows.filter((r) => r.actor_id === userId).map((r) => JSON.parse(r.details) as Record<string, unknown>);
  };

  it("[OPS]: a reviewer without TOTP signs in with the password alone, with any e-mail case", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const result = await signInStaff(ctx, { email: ` ${user.email.toUpperCase()}`, password: PASSWORD, now: t0 });
    expect(result).toMatchObject({ status: "signed_in", user: { id: user.id, role: "reviewer" } });
    expect(await auditFor(user.id, "staff.signed_in")).toEqual([{ factors: "password" }]);
  });

  it("[SECURITY]: an unknown e-mail, a wrong password and a disabled account get the same answer", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const disabled = await createUser(ctx, "reviewer", t0);
    const admin = await createUser(ctx, "admin", t0);
    await disableStaffUser(ctx, { userId: disabled.id, actorId: admin.id, now: t0 });
    const answers = [
      await signInStaff(ctx, { email: staffEmail("nobody"), password: PASSWORD, now: t0 }),
      await signInStaff(ctx, { email: user.email, password: "wrong password!", now: t0 }),
      await signInStaff(ctx, { email: disabled.email, password: PASSWORD, now: t0 }),
    ];
    const failed = { status: "failed", retryAfterSeconds: null };
    expect(answers).toEqual([failed, failed, failed]);
    // The audit trail knows why, by code; no e-mail is stored for the unknown address.
    const unknown = (await auditFor(null, "staff.sign_in_failed")).at(-1);
    expect(unknown).toEqual({ step: "password", reason: "unknown_account" });
    expect(await auditFor(disabled.id, "staff.sign_in_failed")).toEqual([{ step: "password", reason: "disabled" }]);
    const all = await ctx.db.selectFrom("audit_events").select("details").execute();
    expect(all.some((r) => r.details.includes("@"))).toBe(false);
  });

  // Issue 16 item 5 (ADR 040): failures never lock the account, so an outsider who knows a
  // reviewer's address cannot keep them out; they slow that address from that IP, and lock an IP.
  it("[SECURITY]: an attacker failing 50 times from one IP does not stop the holder signing in from another", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    for (let i = 0; i < 50; i += 1) {
      expect((await signInStaff(ctx, { email: user.email, password: `guess-${i}-password`, ip: "198.51.100.7", now: at(t0, i) })).status).toBe("failed");
    }
    // Even the right password from the attacker's IP is refused while it waits.
    expect(await signInStaff(ctx, { email: user.email, password: PASSWORD, ip: "198.51.100.7", now: at(t0, 51) })).toMatchObject({ status: "failed" });
    expect(await signInStaff(ctx, { email: user.email, password: PASSWORD, ip: "203.0.113.20", now: at(t0, 52) })).toMatchObject({ status: "signed_in" });
  });

  it("[SECURITY]: the wait for one address from one IP doubles from 1 minute up to 15, and a sign-in from that pair ends it", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const ip = "198.51.100.21";
    const waits: (number | null)[] = [];
    let now = t0;
    for (let i = 0; i < 10; i += 1) {
      const result = await signInStaff(ctx, { email: user.email, password: "not the password", ip, now });
      const wait = result.status === "failed" ? result.retryAfterSeconds : -1;
      waits.push(wait);
      now = at(now, wait ?? 1);
    }
    expect(waits).toEqual([null, null, null, null, 60, 120, 240, 480, 900, 900]);
    // During the wait the right password is refused too, and told how long is left.
    expect(await signInStaff(ctx, { email: user.email, password: PASSWORD, ip, now: at(now, -100) })).toEqual({ status: "failed", retryAfterSeconds: 100 });
    expect(await auditFor(user.id, "staff.sign_in_failed")).toContainEqual({ step: "password", reason: "waiting" });
    // Once it is over, the right password works, and the pair starts again from zero.
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, ip, now })).status).toBe("signed_in");
    expect(await signInStaff(ctx, { email: user.email, password: "not the password", ip, now })).toEqual({ status: "failed", retryAfterSeconds: null });
    expect(await auditFor(user.id, "sign_in.throttle_started")).toEqual([{ failures: 5, waitSeconds: 60 }]);
  });

  it("[SECURITY]: an unknown address is slowed exactly like a real one, so the wait does not reveal accounts", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const answers = async (email: string, ip: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 6; i += 1) out.push(await signInStaff(ctx, { email, password: "not the password", ip, now: at(t0, i) }));
      return out;
    };
    expect(await answers(staffEmail("nobody"), "198.51.100.31")).toEqual(await answers(user.email, "198.51.100.32"));
  });

  it("[SECURITY]: 30 failures from one IP across many addresses lock that IP for an hour, and only that IP", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const ip = "198.51.100.41";
    const lockAudits = () => ctx.db.selectFrom("audit_events").select(["actor_kind", "details"]).where("action", "=", "sign_in.ip_locked").orderBy("seq", "asc").execute();
    const before = (await lockAudits()).length;
    const answers = [];
    for (let i = 0; i < 30; i += 1) answers.push(await signInStaff(ctx, { email: staffEmail(`spray${i}`), password: "Winter2026!", ip, now: at(t0, i) }));
    expect(answers.slice(0, 29).every((a) => a.status === "failed" && a.retryAfterSeconds === null)).toBe(true);
    expect(answers[29]).toEqual({ status: "failed", retryAfterSeconds: 3600 });
    const locked = (await lockAudits()).slice(before);
    expect(locked).toHaveLength(1);
    expect(locked[0]!.actor_kind).toBe("system");
    expect(JSON.parse(locked[0]!.details)).toMatchObject({ failures: 30, minutes: 60, ipKey: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(locked[0]!.details).not.toContain("198.51");
    // A real account with its right password: refused from the locked IP, fine from any other.
    expect(await signInStaff(ctx, { email: user.email, password: PASSWORD, ip, now: at(t0, 60) })).toMatchObject({ status: "failed", retryAfterSeconds: expect.any(Number) });
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, ip: "198.51.100.42", now: at(t0, 60) })).status).toBe("signed_in");
    // An hour after the last try the IP may sign in again.
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, ip, now: at(t0, 60 + 3600) })).status).toBe("signed_in");
  });

  it("[SECURITY]: the hourly sweep deletes counts a day after their last failure, and not before", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const ip = "198.51.100.81";
    for (let i = 0; i < 6; i += 1) await signInStaff(ctx, { email: user.email, password: "not the password", ip, now: at(t0, i * 600) });
    const rows = () => ctx.db.selectFrom("sign_in_throttles").select("bucket").execute();
    const before = (await rows()).length;
    await purgeSignInThrottles(ctx, { now: at(t0, 3000 + 23 * 3600) });
    expect((await rows()).length).toBe(before);
    expect(await purgeSignInThrottles(ctx, { now: at(t0, 3000 + 25 * 3600) })).toBeGreaterThanOrEqual(2);
    expect((await rows()).length).toBeLessThan(before);
    expect(await signInStaff(ctx, { email: user.email, password: "not the password", ip, now: at(t0, 3000 + 25 * 3600) })).toEqual({ status: "failed", retryAfterSeconds: null });
  });

  it("[SECURITY]: an admin without TOTP must enrol; with TOTP the password only leads to the code step", async () => {
    const bare = await createUser(ctx, "admin", t0);
    expect(await signInStaff(ctx, { email: bare.email, password: PASSWORD, now: t0 })).toMatchObject({ status: "needs_enrolment" });
    const { user } = await createUserWithTotp(ctx, "admin", t0);
    expect(await signInStaff(ctx, { email: user.email, password: PASSWORD, now: t0 })).toMatchObject({ status: "needs_totp" });
    const reviewer = await createUserWithTotp(ctx, "reviewer", t0);
    expect(await signInStaff(ctx, { email: reviewer.user.email, password: PASSWORD, now: t0 })).toMatchObject({ status: "needs_totp" });
    // No sign-in is recorded until the second factor passes.
    expect(await auditFor(user.id, "staff.signed_in")).toEqual([]);
  });

  it("[SECURITY]: the right password does not reset the count before the code: password + wrong codes still make the pair wait", async () => {
    const { user, secret } = await createUserWithTotp(ctx, "admin", t0);
    const later = at(t0, 120);
    const ip = "198.51.100.51";
    for (let i = 0; i < 3; i += 1) await signInStaff(ctx, { email: user.email, password: "not the password", ip, now: later });
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, ip, now: later })).status).toBe("needs_totp");
    const wrong = codeAt(secret, later, 5);
    expect(await verifyStaffTotp(ctx, { userId: user.id, code: wrong, ip, now: later })).toEqual({ status: "failed", retryAfterSeconds: null });
    expect(await verifyStaffTotp(ctx, { userId: user.id, code: wrong, ip, now: later })).toEqual({ status: "failed", retryAfterSeconds: 60 });
    // Waiting: even the right code is refused now, from this IP; another IP's code step is not.
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, later), ip, now: later })).status).toBe("failed");
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, later), ip: "198.51.100.52", now: later })).status).toBe("ok");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { disableStaffUser } from "../../../server/staff/disable-staff-user";
import { signInStaff } from "../../../server/staff/sign-in-staff";
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from "../../../server/staff/staff-policy";
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

  const rowFor = (id: string) => ctx.db.selectFrom("staff_users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
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
    expect(answers).toEqual([{ status: "failed" }, { status: "failed" }, { status: "failed" }]);
    // The audit trail knows why, by code; no e-mail is stored for the unknown address.
    const unknown = (await auditFor(null, "staff.sign_in_failed")).at(-1);
    expect(unknown).toEqual({ step: "password", reason: "unknown_account" });
    expect(await auditFor(disabled.id, "staff.sign_in_failed")).toEqual([{ step: "password", reason: "disabled" }]);
    const all = await ctx.db.selectFrom("audit_events").select("details").execute();
    expect(all.some((r) => r.details.includes("@"))).toBe(false);
  });

  it("[SECURITY]: five wrong passwords lock the account for 15 minutes, even against the right password, then it unlocks", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i += 1) {
      expect((await signInStaff(ctx, { email: user.email, password: `wrong-${i}-password`, now: at(t0, i) })).status).toBe("failed");
      expect((await rowFor(user.id)).failed_logins).toBe(i);
    }
    await signInStaff(ctx, { email: user.email, password: "wrong-5-password", now: at(t0, 5) });
    const locked = await rowFor(user.id);
    expect(locked.locked_until).toBe("2026-12-01 09:15:05.000");
    expect(await auditFor(user.id, "staff.locked_out")).toEqual([{ failures: MAX_FAILED_SIGN_INS, minutes: LOCKOUT_MINUTES }]);

    // Locked: the right password is refused, with the same answer, and the lock is not extended.
    expect(await signInStaff(ctx, { email: user.email, password: PASSWORD, now: at(t0, 60) })).toEqual({ status: "failed" });
    expect((await rowFor(user.id)).locked_until).toBe(locked.locked_until);
    expect((await auditFor(user.id, "staff.sign_in_failed")).at(-1)).toEqual({ step: "password", reason: "locked" });
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, now: at(t0, 15 * 60 + 4) })).status).toBe("failed");

    // After 15 minutes the right password works and the counter starts from zero.
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, now: at(t0, 15 * 60 + 5) })).status).toBe("signed_in");
    const after = await rowFor(user.id);
    expect(after).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it("[SECURITY]: a success resets the counter, so failures only lock when they come in a row", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i += 1) await signInStaff(ctx, { email: user.email, password: "not the password", now: t0 });
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, now: t0 })).status).toBe("signed_in");
    for (let i = 0; i < MAX_FAILED_SIGN_INS - 1; i += 1) await signInStaff(ctx, { email: user.email, password: "not the password", now: t0 });
    expect((await rowFor(user.id)).locked_until).toBeNull();
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

  it("[SECURITY]: the right password does not reset the counter before the code: password + wrong codes still lock", async () => {
    const { user, secret } = await createUserWithTotp(ctx, "admin", t0);
    const later = at(t0, 120);
    for (let i = 0; i < 3; i += 1) await signInStaff(ctx, { email: user.email, password: "not the password", now: later });
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, now: later })).status).toBe("needs_totp");
    expect((await rowFor(user.id)).failed_logins).toBe(3);
    const wrong = codeAt(secret, later, 5);
    expect(await verifyStaffTotp(ctx, { userId: user.id, code: wrong, now: later })).toEqual({ status: "failed", locked: false });
    expect(await verifyStaffTotp(ctx, { userId: user.id, code: wrong, now: later })).toEqual({ status: "failed", locked: true });
    // Locked: even the right code is refused now.
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, later), now: later })).status).toBe("failed");
  });
});

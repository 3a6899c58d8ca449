import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { enrolStaffTotp } from "../../../server/staff/enrol-staff-totp";
import { startStaffTotpEnrolment } from "../../../server/staff/start-staff-totp-enrolment";
import { verifyStaffTotp } from "../../../server/staff/verify-staff-totp";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext } from "../../support/test-context";
import { at, codeAt, createUser, createUserWithTotp } from "./fixtures";

describe.each(testDialects())("staff TOTP on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  // 09:00:10 is 10 s into a 30-second step.
  const t0 = new Date("2026-12-01T09:00:10.000Z");

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const rowFor = (id: string) => ctx.db.selectFrom("staff_users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("[SECURITY]: accepts codes from one step either side of now, and refuses two steps away", async () => {
    const { user, secret } = await createUserWithTotp(ctx, "admin", t0);
    const now = at(t0, 600);
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, now, -2), now })).status).toBe("failed");
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, now, 2), now })).status).toBe("failed");
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, now, -1), now })).status).toBe("ok");
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, now, 0), now })).status).toBe("ok");
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, now, 1), now })).status).toBe("ok");
    expect(await ctx.db.selectFrom("audit_events").select("details").where("action", "=", "staff.signed_in").where("actor_id", "=", user.id).execute()).toHaveLength(3);
  });

  it("[SECURITY]: a code is good once: the same step, or an earlier one, is refused after use", async () => {
    const { user, secret } = await createUserWithTotp(ctx, "reviewer", t0);
    const now = at(t0, 900);
    const code = codeAt(secret, now);
    expect((await verifyStaffTotp(ctx, { userId: user.id, code, now })).status).toBe("ok");
    expect(await verifyStaffTotp(ctx, { userId: user.id, code, now: at(now, 5) })).toEqual({ status: "failed", retryAfterSeconds: null });
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, now, -1), now })).status).toBe("failed");
    const refusals = await ctx.db.selectFrom("audit_events").select("details").where("action", "=", "staff.sign_in_failed").where("actor_id", "=", user.id).execute();
    expect(refusals.map((r) => JSON.parse(r.details))).toEqual([
      { step: "totp", reason: "code_reused" },
      { step: "totp", reason: "code_reused" },
    ]);
    // The next step's code still works.
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(secret, now, 1), now: at(now, 30) })).status).toBe("ok");
  });

  it("[SECURITY]: two requests racing with the same code: exactly one wins", async () => {
    const { user, secret } = await createUserWithTotp(ctx, "admin", t0);
    const now = at(t0, 1200);
    const code = codeAt(secret, now);
    const results = await Promise.all([1, 2, 3].map(() => verifyStaffTotp(ctx, { userId: user.id, code, now })));
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
  });

  it("[OPS]: enrolment keeps one pending secret across reloads and activates it only with a valid code", async () => {
    const user = await createUser(ctx, "admin", t0);
    const first = await startStaffTotpEnrolment(ctx, { userId: user.id, now: t0 });
    const again = await startStaffTotpEnrolment(ctx, { userId: user.id, now: at(t0, 40) });
    if (first.status !== "ready" || again.status !== "ready") throw new Error("enrolment did not start");
    expect(again.secret).toBe(first.secret);
    expect(first.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/Parlay%20privacy%20operations:.+\?.*secret=[A-Z2-7]{32}/);
    expect(first.uri).toContain("period=30");

    expect(await enrolStaffTotp(ctx, { userId: user.id, code: codeAt(first.secret, t0, 3), now: t0 })).toEqual({ status: "bad_code" });
    expect((await rowFor(user.id)).totp_secret).toBeNull();
    const enrolled = await enrolStaffTotp(ctx, { userId: user.id, code: codeAt(first.secret, t0), now: t0 });
    expect(enrolled).toMatchObject({ status: "ok", user: { id: user.id, hasTotp: true } });
    const row = await rowFor(user.id);
    expect(row).toMatchObject({ totp_secret: first.secret, totp_pending_secret: null });
    // The confirming code cannot be replayed to sign in.
    expect((await verifyStaffTotp(ctx, { userId: user.id, code: codeAt(first.secret, t0), now: t0 })).status).toBe("failed");
    // Enrolling again is refused; a new secret needs an explicit reset (not offered yet).
    expect(await startStaffTotpEnrolment(ctx, { userId: user.id, now: t0 })).toEqual({ status: "already_enrolled" });
    expect(await enrolStaffTotp(ctx, { userId: user.id, code: codeAt(first.secret, t0, 1), now: t0 })).toEqual({ status: "unavailable" });
  });

  it("[SECURITY]: an account without TOTP cannot pass the code step", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    expect(await verifyStaffTotp(ctx, { userId: user.id, code: "123456", now: t0 })).toEqual({ status: "failed", retryAfterSeconds: null });
  });
});

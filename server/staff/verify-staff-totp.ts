import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { checkSignInThrottle } from "../sign-in-throttle/check-sign-in-throttle";
import { recordSignInFailure } from "../sign-in-throttle/record-sign-in-failure";
import { completeStaffSignIn } from "./complete-staff-sign-in";
import { claimTotpStep, findStaffUserById } from "./staff-users.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";
import { matchTotpStep } from "./totp-codes";

export type VerifyStaffTotpResult = { status: "ok"; user: StaffUser } | { status: "failed"; retryAfterSeconds: number | null };

/**
 * The second sign-in step, after signInStaff answered `needs_totp` for this user. Accepts a code
 * from the current 30-second step or one either side, and each step only once (RFC 6238 §5.2):
 * a code seen over someone's shoulder cannot be used again. A wrong or reused code counts for the
 * same (address, IP) pair as a wrong password (ADR 040). On success the caller opens the session.
 */
export async function verifyStaffTotp(ctx: AppContext, input: { userId: string; code: string; ip?: string; now?: Date }): Promise<VerifyStaffTotpResult> {
  const now = input.now ?? new Date();
  const row = await findStaffUserById(ctx.db, input.userId);
  if (!row || !row.totp_secret) return { status: "failed", retryAfterSeconds: null };
  const user = toStaffUser(row);
  const origin = { kind: "staff" as const, accountId: user.id, email: user.email, ip: input.ip, details: { step: "totp" }, now };
  const waiting = await checkSignInThrottle(ctx, { kind: "staff", email: user.email, ip: input.ip, now });
  if (user.disabled || waiting) {
    await recordSignInFailure(ctx, { ...origin, reason: user.disabled ? "inactive" : "waiting" });
    return { status: "failed", retryAfterSeconds: waiting?.retryAfterSeconds ?? null };
  }
  const step = matchTotpStep(row.totp_secret, input.code.trim(), now);
  const claimed = step !== null && (await claimTotpStep(ctx.db, { id: user.id, step, now: toDbTime(now) }));
  if (!claimed) {
    return { status: "failed", ...(await recordSignInFailure(ctx, { ...origin, reason: step === null ? "bad_code" : "code_reused" })) };
  }
  await completeStaffSignIn(ctx, { userId: user.id, ip: input.ip, factors: "password_totp", now });
  return { status: "ok", user };
}

import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { completeStaffSignIn } from "./complete-staff-sign-in";
import { recordFailedSignIn } from "./record-failed-sign-in";
import { claimTotpStep, findStaffUserById } from "./staff-users.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";
import { matchTotpStep } from "./totp-codes";

export type VerifyStaffTotpResult = { status: "ok"; user: StaffUser } | { status: "failed"; locked: boolean };

/**
 * The second sign-in step, after signInStaff answered `needs_totp` for this user. Accepts a code
 * from the current 30-second step or one either side, and each step only once (RFC 6238 §5.2):
 * a code seen over someone's shoulder cannot be used again. A wrong or reused code counts towards
 * the same lockout as a wrong password. On success the caller opens the session.
 */
export async function verifyStaffTotp(ctx: AppContext, input: { userId: string; code: string; now?: Date }): Promise<VerifyStaffTotpResult> {
  const now = input.now ?? new Date();
  const row = await findStaffUserById(ctx.db, input.userId);
  if (!row || !row.totp_secret) return { status: "failed", locked: false };
  const user = toStaffUser(row, now);
  if (user.disabled || user.lockedUntil) {
    await recordFailedSignIn(ctx, { userId: user.id, step: "totp", reason: user.disabled ? "disabled" : "locked", now });
    return { status: "failed", locked: user.lockedUntil !== null };
  }
  const step = matchTotpStep(row.totp_secret, input.code.trim(), now);
  const claimed = step !== null && (await claimTotpStep(ctx.db, { id: user.id, step, now: toDbTime(now) }));
  if (!claimed) {
    const reason = step === null ? "bad_code" : "code_reused";
    const { locked } = await recordFailedSignIn(ctx, { userId: user.id, step: "totp", reason, now });
    return { status: "failed", locked };
  }
  await completeStaffSignIn(ctx, { userId: user.id, factors: "password_totp", now });
  return { status: "ok", user };
}

import type { AppContext } from "../context";
import { completeStaffSignIn } from "./complete-staff-sign-in";
import { requiresTotp } from "./permissions.shared";
import { normalizeStaffEmail } from "./normalize-staff-email";
import { recordFailedSignIn } from "./record-failed-sign-in";
import { MAX_PASSWORD_LENGTH } from "./staff-policy";
import { findStaffUserByEmail } from "./staff-users.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";
import { verifyStaffPassword } from "./verify-staff-password";

/**
 * - `failed`: one answer for a wrong password, an unknown e-mail, a paused and a disabled account,
 *   so the form never tells whether an address has an account (X3).
 * - `signed_in`: no second factor applies; open a session.
 * - `needs_totp`: the password was right; ask for the authenticator code (verifyStaffTotp).
 * - `needs_enrolment`: an admin without TOTP; they enrol (enrolStaffTotp) before anything else.
 */
export type SignInStaffResult =
  | { status: "failed" }
  | { status: "signed_in" | "needs_totp" | "needs_enrolment"; user: StaffUser };

/**
 * The password step of staff sign-in. Always runs exactly one argon2 verification (against a
 * dummy hash for unknown addresses), so every path takes about as long. The failure counter is
 * reset only when sign-in completes: a right password followed by wrong codes keeps counting.
 */
export async function signInStaff(ctx: AppContext, input: { email: string; password: string; now?: Date }): Promise<SignInStaffResult> {
  const now = input.now ?? new Date();
  const password = input.password.slice(0, MAX_PASSWORD_LENGTH + 1);
  const row = await findStaffUserByEmail(ctx.db, normalizeStaffEmail(input.email));
  const passwordOk = await verifyStaffPassword(row?.password_hash ?? null, password);
  if (!row) {
    await recordFailedSignIn(ctx, { userId: null, step: "password", reason: "unknown_account", now });
    return { status: "failed" };
  }
  const user = toStaffUser(row, now);
  // Checked after the hash so a paused or disabled account answers as slowly as any other.
  const refusal = user.disabled ? "disabled" : user.lockedUntil ? "locked" : passwordOk ? null : "bad_password";
  if (refusal) {
    await recordFailedSignIn(ctx, { userId: user.id, step: "password", reason: refusal, now });
    return { status: "failed" };
  }
  if (user.hasTotp) return { status: "needs_totp", user };
  if (requiresTotp(user.role)) return { status: "needs_enrolment", user };
  await completeStaffSignIn(ctx, { userId: user.id, factors: "password", now });
  return { status: "signed_in", user };
}

import type { AppContext } from "../context";
import { checkSignInThrottle } from "../sign-in-throttle/check-sign-in-throttle";
import { recordSignInFailure } from "../sign-in-throttle/record-sign-in-failure";
import { completeStaffSignIn } from "./complete-staff-sign-in";
import { requiresTotp } from "./permissions.shared";
import { normalizeStaffEmail } from "./normalize-staff-email";
import { MAX_PASSWORD_LENGTH } from "./staff-policy";
import { findStaffUserByEmail } from "./staff-users.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";
import { verifyStaffPassword } from "./verify-staff-password";

/**
 * - `failed`: one answer for a wrong password, an unknown e-mail and a disabled account, so the
 *   form never tells whether an address has an account (X3). `retryAfterSeconds` is set when this
 *   address from this IP (or this IP) must wait before trying again (ADR 040).
 * - `signed_in`: no second factor applies; open a session.
 * - `needs_totp`: the password was right; ask for the authenticator code (verifyStaffTotp).
 * - `needs_enrolment`: an admin without TOTP; they enrol (enrolStaffTotp) before anything else.
 */
export type SignInStaffResult =
  | { status: "failed"; retryAfterSeconds: number | null }
  | { status: "signed_in" | "needs_totp" | "needs_enrolment"; user: StaffUser };

/**
 * The password step of staff sign-in. Always runs exactly one argon2 verification (against a
 * dummy hash for unknown addresses), so every path takes about as long. A try while this address
 * and IP (or this IP) must wait is refused whatever the password: the wait is what stops guessing.
 * The account itself is never locked, so a stranger's failures do not keep its holder out.
 */
export async function signInStaff(ctx: AppContext, input: { email: string; password: string; ip?: string; now?: Date }): Promise<SignInStaffResult> {
  const now = input.now ?? new Date();
  const email = normalizeStaffEmail(input.email);
  const password = input.password.slice(0, MAX_PASSWORD_LENGTH + 1);
  const waiting = await checkSignInThrottle(ctx, { kind: "staff", email, ip: input.ip, now });
  const row = await findStaffUserByEmail(ctx.db, email);
  const passwordOk = await verifyStaffPassword(row?.password_hash ?? null, password);
  const user = row ? toStaffUser(row) : null;
  // Checked after the hash so a waiting or disabled account answers as slowly as any other.
  const refusal = waiting ? "waiting" : !user ? "unknown_account" : !passwordOk ? "bad_password" : user.disabled ? "inactive" : null;
  if (refusal || !user) {
    const { retryAfterSeconds } = await recordSignInFailure(ctx, { kind: "staff", accountId: user?.id ?? null, email, ip: input.ip, details: { step: "password" }, reason: refusal ?? "unknown_account", now });
    return { status: "failed", retryAfterSeconds: waiting?.retryAfterSeconds ?? retryAfterSeconds };
  }
  if (user.hasTotp) return { status: "needs_totp", user };
  if (requiresTotp(user.role)) return { status: "needs_enrolment", user };
  await completeStaffSignIn(ctx, { userId: user.id, ip: input.ip, factors: "password", now });
  return { status: "signed_in", user };
}

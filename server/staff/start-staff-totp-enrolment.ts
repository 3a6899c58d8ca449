import { getBusinessProfile } from "../business/get-business-profile";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { findStaffUserById, setPendingTotpSecret } from "./staff-users.repository";
import { newTotpSecret, buildTotp } from "./totp-codes";

export type StartStaffTotpEnrolmentResult =
  /** `uri` is the otpauth:// URI for the QR code; `secret` is the same key for typing in by hand. */
  | { status: "ready"; secret: string; uri: string; account: string }
  | { status: "already_enrolled" }
  | { status: "unavailable" };

/**
 * Shows the secret a staff member's authenticator app should hold. It is kept as *pending* until
 * a first code proves the app has it (enrolStaffTotp); asking again returns the same pending
 * secret, so reloading the page does not invalidate a QR code already scanned.
 */
export async function startStaffTotpEnrolment(ctx: AppContext, input: { userId: string; now?: Date }): Promise<StartStaffTotpEnrolmentResult> {
  const row = await findStaffUserById(ctx.db, input.userId);
  if (!row || row.disabled_at !== null) return { status: "unavailable" };
  if (row.totp_secret !== null) return { status: "already_enrolled" };
  let secret = row.totp_pending_secret;
  if (!secret) {
    secret = newTotpSecret();
    await setPendingTotpSecret(ctx.db, { id: row.id, secret, now: toDbTime(input.now ?? new Date()) });
  }
  const issuer = `${(await getBusinessProfile(ctx)).name} privacy operations`;
  return { status: "ready", secret, uri: buildTotp(secret, { issuer, label: row.email }).toString(), account: row.email };
}

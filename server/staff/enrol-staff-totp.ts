import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { activatePendingTotpSecret, findStaffUserById } from "./staff-users.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";
import { matchTotpStep } from "./totp-codes";

export type EnrolStaffTotpResult = { status: "ok"; user: StaffUser } | { status: "bad_code" } | { status: "unavailable" };

/**
 * Confirms enrolment: the code must match the pending secret (±1 step), which proves the
 * authenticator app holds it. The secret then becomes the account's second factor, and the
 * confirming code's step counts as used. Enrolment and its audit row commit together.
 */
export async function enrolStaffTotp(ctx: AppContext, input: { userId: string; code: string; now?: Date }): Promise<EnrolStaffTotpResult> {
  const now = input.now ?? new Date();
  const row = await findStaffUserById(ctx.db, input.userId);
  if (!row || row.disabled_at !== null || row.totp_secret !== null || !row.totp_pending_secret) return { status: "unavailable" };
  const secret = row.totp_pending_secret;
  const step = matchTotpStep(secret, input.code.trim(), now);
  if (step === null) return { status: "bad_code" };
  const activated = await runInWriteTransaction(ctx, async (tx) => {
    if (!(await activatePendingTotpSecret(tx.db, { id: row.id, secret, step, now: toDbTime(now) }))) return false;
    await recordAuditEvent(tx, { actor: { kind: "staff", id: row.id }, action: "staff.totp_enrolled", now });
    return true;
  });
  if (!activated) return { status: "unavailable" };
  return { status: "ok", user: toStaffUser({ ...row, totp_secret: secret, totp_pending_secret: null, totp_last_step: step }) };
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { clearFailedLogins } from "./staff-users.repository";

/**
 * Every factor passed: the failure counter starts again from zero, and the audit trail records
 * who signed in and with what (11 CCR 7101(b): reasonable security for request records; R42:
 * reviewer identity is logged). The caller then opens the session.
 */
export async function completeStaffSignIn(
  ctx: AppContext,
  input: { userId: string; factors: "password" | "password_totp"; now: Date },
): Promise<void> {
  await runInWriteTransaction(ctx, async (tx) => {
    await clearFailedLogins(tx.db, { id: input.userId, now: toDbTime(input.now) });
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.userId },
      action: "staff.signed_in",
      details: { factors: input.factors },
      now: input.now,
    });
  });
}

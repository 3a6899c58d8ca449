import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { clearSignInThrottle } from "../sign-in-throttle/clear-sign-in-throttle";
import { findStaffUserById } from "./staff-users.repository";

/**
 * Every factor passed: this address and IP start again from zero failures (ADR 040), and the audit
 * trail records who signed in and with what (11 CCR 7101(b): reasonable security for request
 * records; R42: reviewer identity is logged). The caller then opens the session.
 */
export async function completeStaffSignIn(
  ctx: AppContext,
  input: { userId: string; ip: string | undefined; factors: "password" | "password_totp"; now: Date },
): Promise<void> {
  await runInWriteTransaction(ctx, async (tx) => {
    const row = await findStaffUserById(tx.db, input.userId);
    if (row) await clearSignInThrottle(tx, { kind: "staff", email: row.email, ip: input.ip, accountId: row.id });
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.userId },
      action: "staff.signed_in",
      details: { factors: input.factors },
      now: input.now,
    });
  });
}

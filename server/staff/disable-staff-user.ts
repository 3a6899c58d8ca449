import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { revokeStaffSessionRows } from "./staff-sessions.repository";
import { findStaffUserById, markStaffUserDisabled } from "./staff-users.repository";

/**
 * Disables an account and ends its sessions in one transaction; the row stays, because audit
 * events and request history name it (11 CCR 7101(a)). Throws "not_found" for an unknown id and
 * "forbidden" when admins try to disable themselves (that could leave nobody able to manage staff).
 * Disabling an already disabled account changes nothing.
 */
export async function disableStaffUser(ctx: AppContext, input: { userId: string; actorId: string; now?: Date }): Promise<void> {
  if (input.userId === input.actorId) throw new AppError("forbidden", { reason: "self" });
  const at = input.now ?? new Date();
  const now = toDbTime(at);
  await runInWriteTransaction(ctx, async (tx) => {
    if (!(await findStaffUserById(tx.db, input.userId))) throw new AppError("not_found");
    if (!(await markStaffUserDisabled(tx.db, { id: input.userId, now }))) return;
    const revoked = await revokeStaffSessionRows(tx.db, { userId: input.userId, now });
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.actorId },
      action: "staff.user_disabled",
      details: { userId: input.userId, sessionsRevoked: revoked },
      now: at,
    });
  });
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { findRequestById, updateRequestVersioned } from "../requests/requests.repository";
import { deleteReviewWithholding, findReviewWithholding } from "./review-withholdings.repository";

/**
 * A reviewer takes back a withholding before approval (issue 17): the values are disclosed again.
 * Only while the request is in review, so what was released is never changed afterwards; the
 * version is bumped like a new withholding, so an approval from a page that still showed it is
 * refused. The audit trail keeps both decisions (ids and codes only).
 * Throws AppError: not_found (request or withholding), illegal_transition, conflict.
 */
export async function undoWithholding(
  ctx: AppContext,
  input: { requestId: string; staffId: string; withholdingId: string; expectedVersion: number },
): Promise<{ version: number }> {
  return runInWriteTransaction(ctx, async (tx) => {
    const row = await findRequestById(tx.db, input.requestId);
    if (!row) throw new AppError("not_found");
    if (row.state !== "in_review") throw new AppError("illegal_transition", { from: row.state, to: "in_review" });
    if (row.version !== input.expectedVersion) throw new AppError("conflict");
    const withholding = await findReviewWithholding(tx.db, { requestId: row.id, id: input.withholdingId });
    if (!withholding) throw new AppError("not_found");
    if (!(await updateRequestVersioned(tx.db, { id: row.id, expectedVersion: row.version, changes: {} }))) throw new AppError("conflict");
    await deleteReviewWithholding(tx.db, { requestId: row.id, id: withholding.id });
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.staffId },
      action: "review.withholding_undone",
      requestId: row.id,
      details: { withholdingId: withholding.id, reasonCode: withholding.reason_code, scope: withholding.match_text ? "match" : withholding.record_key === null ? "field" : "record" },
    });
    return { version: row.version + 1 };
  });
}

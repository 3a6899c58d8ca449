import type { AppContext } from "../context";
import { fromDbTime } from "../lib/clock";
import { isReviewReasonCode, type ReviewWithholding } from "./review-reasons.shared";
import { listReviewWithholdings } from "./review-withholdings.repository";

export interface WithholdingView extends ReviewWithholding {
  matchText: string | null;
  staffId: string;
  /** "Decided by": the staff member's name; null when the account no longer exists. */
  staffName: string | null;
  createdAt: string;
}

/** The reviewer's withholdings on one request, oldest first (for the ops page and the renderer). */
export async function listWithholdings(ctx: Pick<AppContext, "db">, requestId: string): Promise<WithholdingView[]> {
  const rows = await listReviewWithholdings(ctx.db, requestId);
  return rows.map((row) => ({
    id: row.id,
    fieldId: row.field_id,
    recordKey: row.record_key,
    // An unknown code (a row written by a newer version) is shown with the written reason.
    reasonCode: isReviewReasonCode(row.reason_code) ? row.reason_code : "other",
    reasonText: row.reason_text,
    matchText: row.match_text ?? null,
    staffId: row.staff_id,
    staffName: row.staff_name,
    createdAt: fromDbTime(row.created_at).toISOString(),
  }));
}

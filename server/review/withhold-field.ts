import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { nowDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { findRequestById, updateRequestVersioned } from "../requests/requests.repository";
import { isReviewReasonCode, MATCH_ANY_FIELD, type ReviewReasonCode } from "./review-reasons.shared";
import { insertReviewWithholding } from "./review-withholdings.repository";

export const FIELD_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
export const RECORD_KEY_MAX = 200;
export const REASON_TEXT_MAX = 2000;

export interface WithholdFieldInput {
  requestId: string;
  staffId: string;
  /** Spool field id, e.g. "support_messages.body"; MATCH_ANY_FIELD with a wholeRecordKey: every field of that record. */
  fieldId: string;
  /** One record's key; null or omitted = the field in every record. */
  recordKey?: string | null;
  reasonCode: ReviewReasonCode;
  /** Required for "other" (the consumer reads it); kept with the withholding for the others. */
  reasonText: string;
  /** The version the reviewer saw. */
  expectedVersion?: number;
}

/**
 * A reviewer keeps a field (or one record's field) out of the disclosure, with a stated basis
 * (1798.145(k), X21; R35, R42). Only while the request is in review. The request's version is
 * bumped in the same transaction, so an approval from a page that did not show this withholding
 * is refused as a conflict rather than released. The audit row holds ids and codes only: the
 * written reason and the record key may identify people.
 *
 * Throws AppError: validation (fields), not_found, illegal_transition (not in review), conflict.
 */
export async function withholdField(ctx: AppContext, input: WithholdFieldInput): Promise<{ id: string; version: number }> {
  const reasonText = input.reasonText.trim();
  const recordKey = input.recordKey ? input.recordKey : null;
  const fields = [
    ...(FIELD_ID_PATTERN.test(input.fieldId) || (input.fieldId === MATCH_ANY_FIELD && recordKey !== null) ? [] : ["fieldId"]),
    ...(recordKey !== null && recordKey.length > RECORD_KEY_MAX ? ["recordKey"] : []),
    ...(isReviewReasonCode(input.reasonCode) ? [] : ["reasonCode"]),
    ...((input.reasonCode === "other" && !reasonText) || reasonText.length > REASON_TEXT_MAX ? ["reasonText"] : []),
  ];
  if (fields.length > 0) throw new AppError("validation", { fields });

  return runInWriteTransaction(ctx, async (tx) => {
    const row = await findRequestById(tx.db, input.requestId);
    if (!row) throw new AppError("not_found");
    if (row.state !== "in_review") throw new AppError("illegal_transition", { from: row.state, to: "in_review" });
    if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) throw new AppError("conflict");
    const at = nowDbTime();
    if (!(await updateRequestVersioned(tx.db, { id: row.id, expectedVersion: row.version, changes: {} }))) throw new AppError("conflict");
    const id = newId();
    await insertReviewWithholding(tx.db, {
      id,
      request_id: row.id,
      field_id: input.fieldId,
      record_key: recordKey,
      reason_code: input.reasonCode,
      reason_text: reasonText,
      staff_id: input.staffId,
      created_at: at,
    });
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.staffId },
      action: "review.field_withheld",
      requestId: row.id,
      details: { withholdingId: id, fieldId: input.fieldId === MATCH_ANY_FIELD ? null : input.fieldId, scope: recordKey === null ? "field" : input.fieldId === MATCH_ANY_FIELD ? "whole_record" : "record", reasonCode: input.reasonCode },
    });
    return { id, version: row.version + 1 };
  });
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { nowDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { findRequestById, updateRequestVersioned } from "../requests/requests.repository";
import { reviewSpoolFiles, spoolIsAvailable } from "./read-spool-page";
import { isReviewReasonCode, MATCH_ANY_FIELD, MATCH_TEXT_MAX, MATCH_TEXT_MIN, type ReviewReasonCode } from "./review-reasons.shared";
import { insertReviewWithholding } from "./review-withholdings.repository";
import { searchDisclosure } from "./search-disclosure";
import { REASON_TEXT_MAX } from "./withhold-field";

/** Values shown in the preview before a withholding by match is applied. */
export const MATCH_SAMPLE = 5;

export interface MatchPreview {
  records: number;
  values: number;
  sample: { dataset: string; fieldId: string; ordinal: number; value: string }[];
}

/** The match text as stored: trimmed, inner whitespace kept (a name is "First Last"). */
export function normalizeMatchText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed.length >= MATCH_TEXT_MIN && trimmed.length <= MATCH_TEXT_MAX ? trimmed : null;
}

/**
 * What "withhold every value that contains <text>" would withhold, before it is applied: how many
 * values in how many records, and a few of them (issue 17, item 2). Streams the spool once.
 */
export async function previewMatchWithholding(ctx: AppContext, input: { requestId: string; matchText: string }): Promise<MatchPreview> {
  const matchText = normalizeMatchText(input.matchText);
  if (!matchText) throw new AppError("validation", { fields: ["matchText"] });
  const files = reviewSpoolFiles(ctx.env, input.requestId);
  if (!spoolIsAvailable(files)) throw new AppError("not_found");
  const found = await searchDisclosure(files, { text: matchText, skip: 0, take: MATCH_SAMPLE });
  const sample = found.hits.map((h) => {
    const slot = h.slots[0]!;
    return { dataset: h.record.dataset.label.en, fieldId: h.record.dataset.fields[slot]!.fieldId, ordinal: h.ordinal + 1, value: String(h.record.values[slot]).slice(0, 300) };
  });
  return { records: found.records, values: found.values, sample };
}

/**
 * Withhold every value that contains the text, in any field of any record, as ONE decision with
 * its basis (1798.145(k), R35, R42): one row, applied while rendering (withholdFromSpool), so the
 * disclosure says which fields lost values and why. The count the reviewer was shown is taken
 * again here and put on the audit trail with the decision (never the text: it names someone).
 * Throws AppError: validation, not_found, illegal_transition, conflict.
 */
export async function withholdByMatch(
  ctx: AppContext,
  input: { requestId: string; staffId: string; matchText: string; reasonCode: ReviewReasonCode; reasonText: string; expectedVersion: number },
): Promise<{ id: string; version: number; values: number }> {
  const matchText = normalizeMatchText(input.matchText);
  const reasonText = input.reasonText.trim();
  const fields = [
    ...(matchText ? [] : ["matchText"]),
    ...(isReviewReasonCode(input.reasonCode) ? [] : ["reasonCode"]),
    ...((input.reasonCode === "other" && !reasonText) || reasonText.length > REASON_TEXT_MAX ? ["reasonText"] : []),
  ];
  if (fields.length > 0) throw new AppError("validation", { fields });
  const preview = await previewMatchWithholding(ctx, { requestId: input.requestId, matchText: matchText! });

  return runInWriteTransaction(ctx, async (tx) => {
    const row = await findRequestById(tx.db, input.requestId);
    if (!row) throw new AppError("not_found");
    if (row.state !== "in_review") throw new AppError("illegal_transition", { from: row.state, to: "in_review" });
    if (row.version !== input.expectedVersion) throw new AppError("conflict");
    if (!(await updateRequestVersioned(tx.db, { id: row.id, expectedVersion: row.version, changes: {} }))) throw new AppError("conflict");
    const id = newId();
    await insertReviewWithholding(tx.db, {
      id,
      request_id: row.id,
      field_id: MATCH_ANY_FIELD,
      record_key: null,
      reason_code: input.reasonCode,
      reason_text: reasonText,
      match_text: matchText,
      staff_id: input.staffId,
      created_at: nowDbTime(),
    });
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.staffId },
      action: "review.match_withheld",
      requestId: row.id,
      details: { withholdingId: id, scope: "match", reasonCode: input.reasonCode, values: preview.values, records: preview.records },
    });
    return { id, version: row.version + 1, values: preview.values };
  });
}

import { STORED_FILE_PREFIX } from "../collection/stored-file-ref.shared";
import { describeFilePiece } from "../reports/file-piece";
import fs from "node:fs";
import { recordAuditEvent } from "../audit/record-audit-event";
import { CATEGORY_CODES, CATEGORY_LABELS, NEVER_DISCLOSE_LABELS, NEVER_DISCLOSE_TYPES, type CategoryCode, type NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { CollectionSummary, SpoolRecord } from "../collection/collection-types.shared";
import type { AppContext } from "../context";
import { getReportKey } from "../delivery/report-key";
import { spoolPaths } from "../pipeline/spool-paths";
import { openSpoolFile } from "../reports/open-spool-file";
import { isPiece } from "../reports/plan-specific-pieces";
import type { ReviewWithholding } from "./review-reasons.shared";
import { isWithheldByReview } from "./withheld-by-review";

/** Records shown per category and dataset; the counts always cover all of them. */
export const PREVIEW_RECORDS = 10;
/** Characters of one value shown; the disclosure itself carries the whole value. */
const VALUE_CHARS = 1000;

export type PreviewPiece =
  | { fieldId: string; label: string; value: string; withheldByReview: boolean }
  /** A never-disclose type (7024(d), X13): collected, never shown, not even to staff. */
  | { fieldId: string; label: string; neverDisclose: string; withheldByReview: boolean };

export interface PreviewRecord {
  recordKey: string;
  recordedAt: string | null;
  pieces: PreviewPiece[];
}

export interface PreviewDataset {
  source: string;
  dataset: string;
  /** The dataset's fields in this category (for "withhold this field everywhere"). */
  fields: { fieldId: string; label: string; neverDisclose: boolean }[];
  records: number;
  shown: PreviewRecord[];
}

export interface PreviewCategory {
  code: CategoryCode;
  label: string;
  records: number;
  datasets: PreviewDataset[];
}

export type ReviewPreview =
  | { available: false }
  | { available: true; complete: boolean; recordCount: number; categories: PreviewCategory[]; shownPerDataset: number };

/**
 * What the disclosure will contain, for the reviewer (R42): per category and dataset, the record
 * count and the first PREVIEW_RECORDS records with each field's label and value, so the reviewer
 * can judge them (other people's information, X21). Never-disclose values show only "collected,
 * not shown": they never reach the spool, and no override exists (7024(d), X13). One pass over the
 * spool; memory grows with the shown records, not all of them. Records an `ops.disclosure_previewed`
 * audit event (ids and counts only): a staff member saw a person's data.
 */
export async function buildReviewPreview(
  ctx: AppContext,
  input: { requestId: string; staffId: string; withholdings: readonly ReviewWithholding[] },
): Promise<ReviewPreview> {
  const paths = spoolPaths(ctx.env, input.requestId);
  if (!fs.existsSync(paths.spool) || !fs.existsSync(paths.summary)) return { available: false };
  const summary = JSON.parse(await fs.promises.readFile(paths.summary, "utf8")) as CollectionSummary;
  const sourceLabels = new Map(summary.sources.map((s) => [s.sourceId, s.label.en]));

  const groups = new Map<CategoryCode, Map<string, PreviewDataset>>();
  let recordCount = 0;
  for await (const { record } of openSpoolFile(paths.spool, getReportKey(ctx.env)).scan()) {
    let any = false;
    for (const code of CATEGORY_CODES) {
      const pieces = piecesOf(record, code, input.withholdings);
      if (pieces.length === 0) continue;
      any = true;
      let datasets = groups.get(code);
      if (!datasets) groups.set(code, (datasets = new Map()));
      const { sourceId, datasetId, label } = record.dataset;
      const key = JSON.stringify([sourceId, datasetId]);
      let dataset = datasets.get(key);
      if (!dataset) {
        dataset = { source: sourceLabels.get(sourceId) ?? sourceId, dataset: label.en, fields: [], records: 0, shown: [] };
        datasets.set(key, dataset);
      }
      dataset.records += 1;
      for (const piece of pieces) {
        if (!dataset.fields.some((f) => f.fieldId === piece.fieldId)) dataset.fields.push({ fieldId: piece.fieldId, label: piece.label, neverDisclose: "neverDisclose" in piece });
      }
      if (dataset.shown.length < PREVIEW_RECORDS) dataset.shown.push({ recordKey: String(record.recordKey ?? ""), recordedAt: record.recordedAt ?? null, pieces });
    }
    if (any) recordCount += 1;
  }
  const categories: PreviewCategory[] = CATEGORY_CODES.flatMap((code) => {
    const datasets = groups.get(code);
    if (!datasets) return [];
    const list = [...datasets.values()];
    return [{ code, label: CATEGORY_LABELS[code].en, records: list.reduce((sum, d) => sum + d.records, 0), datasets: list }];
  });
  await recordAuditEvent(ctx, {
    actor: { kind: "staff", id: input.staffId },
    action: "ops.disclosure_previewed",
    requestId: input.requestId,
    details: { records: recordCount, categories: categories.length, withholdings: input.withholdings.length },
  });
  return { available: true, complete: summary.complete, recordCount, categories, shownPerDataset: PREVIEW_RECORDS };
}

function piecesOf(record: SpoolRecord, code: CategoryCode, withholdings: readonly ReviewWithholding[]): PreviewPiece[] {
  const pieces: PreviewPiece[] = [];
  record.dataset.fields.forEach((field, slot) => {
    const value = record.values[slot];
    if (!isPiece(value) || !(field.categories ?? []).includes(code)) return;
    const withheldByReview = isWithheldByReview(withholdings, field.fieldId, record.recordKey);
    const label = field.label?.en ?? field.fieldId;
    if (field.neverDisclose) {
      const type = value as NeverDiscloseType;
      const typeLabel = NEVER_DISCLOSE_TYPES.includes(type) ? NEVER_DISCLOSE_LABELS[type].en : "never-disclose type";
      pieces.push({ fieldId: field.fieldId, label, neverDisclose: typeLabel, withheldByReview });
    } else {
      // A stored file (ADR 027) is shown as the consumer will see it: name, type, size.
      const text = typeof value === "string" ? (value.startsWith(STORED_FILE_PREFIX) ? describeFilePiece(value, "en") : value) : JSON.stringify(value);
      pieces.push({ fieldId: field.fieldId, label, value: text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text, withheldByReview });
    }
  });
  return pieces;
}

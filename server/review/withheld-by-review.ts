import type { LocalizedText } from "../categories/ccpa-categories.shared";
import type { ScalarValue, SpoolRecord } from "../collection/collection-types.shared";
import type { SpoolSource } from "../reports/spool-source";
import type { ReviewWithholding } from "./review-reasons.shared";

/** Whether a field of a record is covered by a withholding (the field everywhere, or that record). */
export function isWithheldByReview(withholdings: readonly ReviewWithholding[], fieldId: string, recordKey: string): boolean {
  return withholdings.some((w) => w.fieldId === fieldId && (w.recordKey === null || w.recordKey === recordKey));
}

/** The first withholding that covers the field of the record (the oldest decision wins). */
export function withholdingFor(withholdings: readonly ReviewWithholding[], fieldId: string, recordKey: string): ReviewWithholding | undefined {
  return withholdings.find((w) => w.fieldId === fieldId && (w.recordKey === null || w.recordKey === recordKey));
}

/** What a filtered spool dropped, per withholding: counted while the plan scans the spool. */
export interface DroppedByReview {
  withholding: ReviewWithholding;
  /** The field's and the dataset's labels as collected (localized by the renderer). */
  field: LocalizedText;
  dataset: LocalizedText;
  count: number;
}

/**
 * The spool with the reviewer's withholdings applied: covered fields are emptied in each record
 * before anything reads it, so the pieces plan and every re-read agree and a withheld value can
 * reach neither document. A record left without pieces disappears from its categories. `dropped`
 * fills during scan() (the pieces plan runs it once, before either document is written).
 */
export function withholdFromSpool(source: SpoolSource, withholdings: readonly ReviewWithholding[]): { source: SpoolSource; dropped: DroppedByReview[] } {
  const dropped: DroppedByReview[] = [];
  if (withholdings.length === 0) return { source, dropped };
  const filter = (record: SpoolRecord, count: boolean): SpoolRecord => {
    let values: ScalarValue[] | null = null;
    record.dataset.fields.forEach((field, slot) => {
      const withholding = withholdingFor(withholdings, field.fieldId, String(record.recordKey ?? ""));
      if (!withholding) return;
      const value = record.values[slot];
      if (value === null || value === undefined) return;
      if (count && !field.neverDisclose) {
        let entry = dropped.find((d) => d.withholding === withholding);
        if (!entry) dropped.push((entry = { withholding, field: field.label, dataset: record.dataset.label, count: 0 }));
        entry.count += 1;
      }
      values ??= [...record.values];
      values[slot] = null;
    });
    return values ? { ...record, values } : record;
  };
  return {
    dropped,
    source: {
      async *scan() {
        dropped.length = 0;
        for await (const scanned of source.scan()) yield { ...scanned, record: filter(scanned.record, true) };
      },
      async *read(slices) {
        for await (const record of source.read(slices)) yield filter(record, false);
      },
    },
  };
}

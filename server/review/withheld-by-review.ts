import type { LocalizedText } from "../categories/ccpa-categories.shared";
import type { ScalarValue, SpoolRecord } from "../collection/collection-types.shared";
import type { SpoolSource } from "../reports/spool-source";
import { MATCH_ANY_FIELD, type ReviewWithholding } from "./review-reasons.shared";

/**
 * Whether a value contains a match text, as the reviewer previewed it: case-insensitive, on the
 * value's text (numbers and booleans as written). The one comparison the preview, the review page
 * and the renderer share, so what was counted is what is withheld.
 */
export function valueContains(value: unknown, matchText: string): boolean {
  if (value === null || value === undefined) return false;
  return String(value).toLowerCase().includes(matchText.toLowerCase());
}

/**
 * The record key a whole-record withholding (fieldId MATCH_ANY_FIELD) is stored with: record keys
 * are unique only inside their dataset, so the dataset ("sourceId/datasetId") is part of it.
 */
export function wholeRecordKey(dataset: string, recordKey: string): string {
  return `${dataset}#${recordKey}`;
}

/** Where a value is: its field, its record, and the record's dataset ("sourceId/datasetId"). */
export interface ValuePlace {
  fieldId: string;
  recordKey: string;
  dataset?: string;
  value?: unknown;
}

function covers(w: ReviewWithholding, place: ValuePlace): boolean {
  if (w.fieldId === MATCH_ANY_FIELD) {
    if (w.matchText) return valueContains(place.value, w.matchText);
    return place.dataset !== undefined && w.recordKey === wholeRecordKey(place.dataset, place.recordKey);
  }
  return w.fieldId === place.fieldId && (w.recordKey === null || w.recordKey === place.recordKey);
}

/** Whether a field of a record is covered by a withholding (the field everywhere, that record's field, the whole record, or a match on its value). */
export function isWithheldByReview(withholdings: readonly ReviewWithholding[], fieldId: string, recordKey: string, value?: unknown, dataset?: string): boolean {
  return withholdings.some((w) => covers(w, { fieldId, recordKey, value, dataset }));
}

/** The first withholding that covers the field of the record (the oldest decision wins). */
export function withholdingFor(withholdings: readonly ReviewWithholding[], fieldId: string, recordKey: string, value?: unknown, dataset?: string): ReviewWithholding | undefined {
  return withholdings.find((w) => covers(w, { fieldId, recordKey, value, dataset }));
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
      const value = record.values[slot];
      // A never-disclose slot holds only the type collected ("ssn"): no match may read it as a value.
      const withholding = withholdingFor(withholdings, field.fieldId, String(record.recordKey ?? ""), field.neverDisclose ? null : value, `${record.dataset.sourceId}/${record.dataset.datasetId}`);
      if (!withholding) return;
      if (value === null || value === undefined) return;
      if (count && !field.neverDisclose) {
        // A match or a whole record covers many fields: one entry per field and dataset, so the document names each.
        let entry = dropped.find((d) => d.withholding === withholding && (withholding.fieldId !== MATCH_ANY_FIELD || (d.field === field.label && d.dataset === record.dataset.label)));
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

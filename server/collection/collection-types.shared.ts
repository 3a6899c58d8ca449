import type { CategoryCode, LocalizedText, NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { FieldFormat } from "../datamap/dataset-schema";

/**
 * The contract between collection (data map -> connectors -> categorize) and the disclosure
 * documents. Collection writes the spool, an NDJSON file, then a CollectionSummary; the JSON and
 * PDF renderers and the review preview stream the spool. The spool holds two kinds of lines:
 *
 * - `{"ref":0,"sourceId":...,"fields":[...]}` (SpoolDataset): a dataset and its fields' labels,
 *   categories and never-disclose markers, written once, before the records that use it;
 * - `[0,"recordKey","2025-06-01T09:30:00.000Z",[value, ...]]` (SpoolRecordLine): one record, the
 *   `ref` of its dataset line and one value per field of that line, in the same order.
 * - last, when collection finished: `{"tally":{...}}` (SpoolTallyLine, tally-spool-pieces.ts), the
 *   per dataset and category counts the documents' layout needs, so they need not read every record
 *   once more to count. Readers of records skip it; a spool without it is planned by a scan.
 *
 * Describing a dataset once instead of on every record keeps a record to its values (a tenth of
 * the bytes for a page view), which is most of the cost of writing and re-reading 100,000 of them.
 * Nothing in here may carry a never-disclose value: such a field's slot holds only the type of
 * what was collected (11 CCR 7024(d); DESIGN.md §7), decided inside the connector layer.
 */
export type ScalarValue = string | number | boolean | null;

/** One disclosed field of a dataset (internal fields never reach the spool). */
export interface SpoolFieldSpec {
  /** Internal field id ("users.full_name"): for ops previews and debugging, never in consumer documents. */
  fieldId: string;
  label: LocalizedText;
  /** At least one; a field may be in several (an SSN is A, B and L). */
  categories: CategoryCode[];
  /** In category L (1798.140(ae)). */
  sensitive: boolean;
  /**
   * A never-disclose type: a record's slot for this field is null (not collected) or the
   * NeverDiscloseType collected ("passport"), never the value.
   */
  neverDisclose: boolean;
  /** Labels of stored codes, from the map (`values`): the documents show the label, the JSON the code beside it. */
  values?: Record<string, LocalizedText>;
  /** How the value reads (`format`); an instant's value is already UTC ISO 8601 in the spool. */
  format?: FieldFormat;
  /** money_cents only: ISO 4217 code. */
  currency?: string;
  /** A stored file (ADR 027): a record's slot holds a StoredFileRef (stored-file-ref.shared.ts), not a plain value. */
  file?: true;
}

/** A dataset line. Several lines may describe the same dataset; each record names its own. */
export interface SpoolDataset {
  /** Unique within the spool; records refer to their dataset line by it. */
  ref: number;
  sourceId: string;
  /** Table, endpoint or file id inside the source. */
  datasetId: string;
  /** Plain-language name of the dataset ("Support conversations"), shown to the consumer. */
  label: LocalizedText;
  fields: SpoolFieldSpec[];
}

/**
 * A record line: [ref, recordKey, recordedAt, values]. `recordKey` is the stable id of the record
 * inside its dataset (primary key or a hash of the row); `recordedAt` when it was collected or last
 * updated, UTC ISO-8601, null when the source keeps no time; `values[i]` belongs to `fields[i]` of
 * the dataset line, null when the record has no value for it (nothing to disclose).
 */
export type SpoolRecordLine = [ref: number, recordKey: string, recordedAt: string | null, values: ScalarValue[]];

/** A record line as readers see it: joined with its dataset line. */
export interface SpoolRecord {
  dataset: SpoolDataset;
  recordKey: string;
  recordedAt: string | null;
  values: readonly ScalarValue[];
}

/** A field with its value beside its description: the form tests and benchmarks build spools from. */
export interface SpoolField extends Omit<SpoolFieldSpec, "neverDisclose"> {
  value: ScalarValue;
  /** Set when the value is a never-disclose type: `value` is then not written. */
  withheld?: { type: NeverDiscloseType };
}

/** A record with its dataset and fields spelled out; encodeSpoolLines turns these into spool lines. */
export interface ExpandedSpoolRecord {
  sourceId: string;
  datasetId: string;
  datasetLabel: LocalizedText;
  recordKey: string;
  recordedAt: string | null;
  fields: SpoolField[];
}

export type SourceStatus = "ok" | "failed" | "timed_out";

export interface SourceRun {
  sourceId: string;
  label: LocalizedText;
  status: SourceStatus;
  records: number;
  durationMs: number;
  /** A code such as "ETIMEDOUT", "HTTP_500", "ER_NO_SUCH_TABLE"; never personal data. */
  errorCode?: string;
}

/** What the business discloses about one category, derived from the data map and what was found. */
export interface CategoryFacts {
  category: CategoryCode;
  /** True when at least one field of this category was found for the person in the period. */
  collected: boolean;
  /** Categories of sources (7001(e)), e.g. "Directly from you", "From your devices". */
  sources: LocalizedText[];
  /** Business or commercial purposes (1798.140(e)). */
  purposes: LocalizedText[];
  /** Categories of third parties disclosed to for a business purpose (1798.110(a)(5)). */
  disclosedTo: LocalizedText[];
  soldTo: LocalizedText[];
  sharedWith: LocalizedText[];
  /**
   * The fields of this category that are sold, or shared (labels): a row that says "shared with
   * advertising networks" names what is shared, so precise GPS is not read as shared when only the
   * IP-derived city is. Absent when nothing of the category is sold (shared).
   */
  soldInformation?: LocalizedText[];
  sharedInformation?: LocalizedText[];
}

export interface CollectionSummary {
  /** Inclusive calendar dates of the period covered. */
  period: { kind: "12_months" | "since_2022"; start: string; end: string };
  sources: SourceRun[];
  /** False when any source failed or timed out: the result must not be released as complete (X22). */
  complete: boolean;
  recordCount: number;
  /** Records included although their source keeps no time (marked as such in documents). */
  undatedRecords: number;
  /**
   * Records dated before the period that are still held (a profile created earlier and still
   * current: the time window keeps a record until it ends); included and said so. Absent = 0.
   */
  earlierRecords?: number;
  categories: CategoryFacts[];
  /** Never-disclose types collected about the person, withheld from the specific pieces. */
  withheld: { type: NeverDiscloseType; label: LocalizedText; count: number }[];
  /** Datasets deliberately left out (deidentified, aggregate, or not reasonably linkable: X26). */
  excludedDatasets: { sourceId: string; datasetId: string; label: LocalizedText; reason: LocalizedText }[];
}

import type { CategoryCode, LocalizedText, NeverDiscloseType } from "../categories/ccpa-categories.shared";

/**
 * The contract between collection (data map -> connectors -> categorize) and the disclosure
 * documents. Collection writes one SpoolRecord per NDJSON line to the spool, then a
 * CollectionSummary; the JSON and PDF renderers stream the spool. Nothing in here may carry a
 * never-disclose value: such fields arrive with `value: null` and a `withheld` marker
 * (11 CCR 7024(d); DESIGN.md §7), replaced inside the connector layer.
 */
export type ScalarValue = string | number | boolean | null;

export interface SpoolField {
  /** Internal field id ("users.full_name"): for ops previews and debugging, never in consumer documents. */
  fieldId: string;
  label: LocalizedText;
  /** At least one; a field may be in several (an SSN is A, B and L). */
  categories: CategoryCode[];
  /** In category L (1798.140(ae)). */
  sensitive: boolean;
  value: ScalarValue;
  /** Set when the value is a never-disclose type: `value` is then null. */
  withheld?: { type: NeverDiscloseType };
}

export interface SpoolRecord {
  sourceId: string;
  /** Table, endpoint or file id inside the source. */
  datasetId: string;
  /** Plain-language name of the dataset ("Support conversations"), shown to the consumer. */
  datasetLabel: LocalizedText;
  /** Stable id of the record inside its dataset (primary key or a hash of the row). */
  recordKey: string;
  /** When the record was collected or last updated, UTC ISO-8601; null = the source keeps no time. */
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
  categories: CategoryFacts[];
  /** Never-disclose types collected about the person, withheld from the specific pieces. */
  withheld: { type: NeverDiscloseType; label: LocalizedText; count: number }[];
  /** Datasets deliberately left out (deidentified, aggregate, or not reasonably linkable: X26). */
  excludedDatasets: { sourceId: string; datasetId: string; label: LocalizedText; reason: LocalizedText }[];
}

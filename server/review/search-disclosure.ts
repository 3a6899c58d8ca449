import type { CategoryCode } from "../categories/ccpa-categories.shared";
import type { SpoolRecord } from "../collection/collection-types.shared";
import { datasetKey, pieceSlots } from "./build-review-index";
import { scanSpoolRecords, type SpoolFiles } from "./read-spool-page";
import { valueContains } from "./withheld-by-review";

export interface SearchHit {
  dataset: string;
  /** 0-based position among the dataset's records (as the dataset pages number them). */
  ordinal: number;
  record: SpoolRecord;
  /** Slots of the record whose values contain the text. */
  slots: number[];
}

export interface SearchResult {
  /** Records with at least one matching value. */
  records: number;
  /** Matching values (a withholding by match removes exactly these). */
  values: number;
  /** The matching records from `skip` on, at most `take`. */
  hits: SearchHit[];
}

/**
 * Every record of the disclosure whose values contain `text` (case-insensitive, the comparison
 * withholding by match uses), streamed over the whole spool: memory holds one page of hits,
 * whatever the size. Never-disclose slots hold only a type and are never searched (7024(d)).
 * Optionally limited to one dataset and to the fields of one category.
 */
export async function searchDisclosure(
  files: SpoolFiles,
  input: { text: string; dataset?: string | null; category?: CategoryCode | null; skip: number; take: number },
): Promise<SearchResult> {
  const result: SearchResult = { records: 0, values: 0, hits: [] };
  const ordinals = new Map<string, number>();
  const needle = input.text.toLowerCase();
  for await (const { record } of scanSpoolRecords(files)) {
    const pieces = pieceSlots(record);
    if (pieces.length === 0) continue;
    const key = datasetKey(record);
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    if (input.dataset && key !== input.dataset) continue;
    const slots = pieces.filter((slot) => {
      const field = record.dataset.fields[slot]!;
      if (field.neverDisclose || (input.category && !field.categories.includes(input.category))) return false;
      return valueContains(record.values[slot], needle);
    });
    if (slots.length === 0) continue;
    if (result.records >= input.skip && result.hits.length < input.take) result.hits.push({ dataset: key, ordinal, record, slots });
    result.records += 1;
    result.values += slots.length;
  }
  return result;
}

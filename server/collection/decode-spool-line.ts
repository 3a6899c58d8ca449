import type { SpoolDataset, SpoolRecord } from "./collection-types.shared";

/**
 * One line of the spool (collection-types.shared.ts). A dataset line is added to `datasets` and
 * gives null, as do a blank line and the tally line; a record line is joined with its dataset
 * line, which must come first. Errors name the byte offset `at`, never the text: the text is
 * personal data, and JSON.parse's own message quotes it (DESIGN.md §7: no PII in errors).
 */
export function decodeSpoolLine(text: string, at: number, datasets: Map<number, SpoolDataset>): SpoolRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (text.trim() === "") return null;
    throw new Error(`spool: the line at byte ${at} is not valid JSON`);
  }
  if (Array.isArray(value)) {
    const [ref, recordKey, recordedAt, values] = value as unknown[];
    const dataset = datasets.get(ref as number);
    if (!dataset) throw new Error(`spool: the record at byte ${at} refers to no dataset line before it`);
    if (typeof recordKey !== "string" || (recordedAt !== null && typeof recordedAt !== "string") || !Array.isArray(values) || values.length !== dataset.fields.length) {
      throw new Error(`spool: the line at byte ${at} is not a spool record`);
    }
    return { dataset, recordKey, recordedAt, values };
  }
  // The tally collection writes last (tally-spool-pieces.ts) is no record; readSpoolTally reads it.
  if (typeof value === "object" && value !== null && "tally" in value) return null;
  if (!isDatasetLine(value)) throw new Error(`spool: the line at byte ${at} is not a spool record`);
  if (datasets.has(value.ref)) throw new Error(`spool: the dataset line at byte ${at} reuses ref ${value.ref}`);
  datasets.set(value.ref, value);
  return null;
}

function isDatasetLine(value: unknown): value is SpoolDataset {
  const line = value as Partial<SpoolDataset> | null;
  return (
    typeof line === "object" &&
    line !== null &&
    Number.isInteger(line.ref) &&
    typeof line.sourceId === "string" &&
    typeof line.datasetId === "string" &&
    typeof line.label === "object" &&
    Array.isArray(line.fields) &&
    line.fields.every((f) => typeof f?.fieldId === "string" && Array.isArray(f.categories) && typeof f.neverDisclose === "boolean" && typeof f.label === "object")
  );
}

import fs from "node:fs";
import path from "node:path";
import type { ScalarValue, SpoolFieldSpec } from "../../collection/collection-types.shared";
import { parseStoredFileRef, type StoredFileRef } from "../../collection/stored-file-ref.shared";
import type { LocalizedText } from "../../categories/ccpa-categories.shared";
import type { SpoolSource } from "../spool-source";

/** One dataset's records, spilled for its CSV: the header is known only once every dataset line is met. */
export interface SpilledDataset {
  sourceId: string;
  datasetId: string;
  label: LocalizedText;
  /** Every field any of the dataset's lines declares, in first-seen order. */
  fields: SpoolFieldSpec[];
  /** NDJSON lines [record number, recordedAt, {fieldId: value}]: plaintext, in the private render folder. */
  rowsPath: string;
  records: number;
}

export interface SpilledRows {
  datasets: SpilledDataset[];
  /** Stored files to copy into the bundle, by their name there (one entry however many records name it). */
  files: Map<string, Extract<StoredFileRef, { name: string }>>;
}

/**
 * One pass over the spool (the same source the JSON read, reviewer withholdings applied) that
 * writes each dataset's records to its own spill file, so the bundle can then write one CSV per
 * dataset, one after the other, without holding records in memory (DESIGN.md §4). Record numbers
 * count every record of the dataset in spool order, as the JSON's and the PDF's do, so "record 12"
 * is the same record in all three. Records with no value to disclose are left out, as there.
 */
export async function spillDatasetRows(source: SpoolSource, dir: string): Promise<SpilledRows> {
  const byKey = new Map<string, SpilledDataset & { out: fs.WriteStream; ordinal: number; seen: Set<string> }>();
  const files: SpilledRows["files"] = new Map();
  try {
    for await (const { record } of source.scan()) {
      const { dataset } = record;
      const key = `${dataset.sourceId}\u0000${dataset.datasetId}`;
      let entry = byKey.get(key);
      if (!entry) {
        const rowsPath = path.join(dir, `rows-${byKey.size}.ndjson`);
        entry = { sourceId: dataset.sourceId, datasetId: dataset.datasetId, label: dataset.label, fields: [], rowsPath, records: 0, ordinal: 0, seen: new Set(), out: fs.createWriteStream(rowsPath, { mode: 0o600 }) };
        byKey.set(key, entry);
      }
      entry.ordinal++;
      const values: Record<string, ScalarValue> = {};
      let any = false;
      dataset.fields.forEach((field, slot) => {
        if (!entry.seen.has(field.fieldId)) {
          entry.seen.add(field.fieldId);
          entry.fields.push(field);
        }
        const value = record.values[slot];
        if (value === null || value === undefined) return;
        any = true;
        values[field.fieldId] = value;
        const ref = field.file ? parseStoredFileRef(value) : null;
        if (ref && ref.missing === undefined) files.set(ref.name, ref);
      });
      if (!any) continue;
      entry.records++;
      if (!entry.out.write(`${JSON.stringify([entry.ordinal, record.recordedAt, values])}\n`)) await new Promise<void>((resolve) => entry.out.once("drain", () => resolve()));
    }
  } finally {
    await Promise.all([...byKey.values()].map((e) => new Promise<void>((resolve) => e.out.end(() => resolve()))));
  }
  const datasets = [...byKey.values()].filter((e) => e.records > 0).map(({ sourceId, datasetId, label, fields, rowsPath, records }) => ({ sourceId, datasetId, label, fields, rowsPath, records }));
  return { datasets, files };
}

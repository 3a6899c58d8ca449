import { createHash } from "node:crypto";
import type { CellRow } from "../connectors/connector-types";
import { datasetColumns } from "../connectors/dataset-columns";
import { FileStoreError, type FileStore } from "../connectors/files/file-store";
import { extensionFor } from "../connectors/files/sniff-content-type";
import type { Dataset, Field } from "../datamap/dataset-schema";
import { STORED_FILE_PREFIX, type StoredFileRef } from "./stored-file-ref.shared";

/**
 * For a dataset with fields declared `file: { source }` (ADR 027), a function that replaces each
 * such field's storage key in a row by a StoredFileRef (as JSON text): the file's name in the
 * download bundle, its sniffed type, size and SHA-256, and where to read it again when the bundle
 * is written. The bytes are read once here, to hash them; they are not copied. A file that is
 * missing, too large or outside the store is recorded as such and the collection goes on; a store
 * that could not be opened is the store source's failure (its SourceRun), and its files are
 * "unavailable". Never-disclose file fields are left alone: they hold only 1 or 0 (11 CCR 7024(d)),
 * so the file never leaves the connector layer. Returns null when the dataset has no file field.
 */
export function compileFileFields(
  sourceId: string,
  dataset: Dataset,
  storeOf: (sourceId: string) => FileStore | null,
): ((row: CellRow) => Promise<void>) | null {
  // Each file field with its place in a row's cells.
  const order = datasetColumns(dataset, "all");
  const columns = Object.entries(dataset.fields as Record<string, Field>)
    .filter(([, f]) => f.file && !f.internal && f.neverDisclose === undefined)
    .map(([column, field]) => [column, field, order.indexOf(column)] as const);
  if (columns.length === 0) return null;
  return async (row) => {
    for (const [column, field, at] of columns) {
      const key = row.cells[at];
      if (key === null || key === undefined || key === "") continue;
      const storeId = field.file!.source;
      const ref = await describeStoredFile(storeOf(storeId), storeId, String(key), `files/${sourceId}/${dataset.id}/${safeName(String(row.key))}/${column}`);
      row.cells[at] = STORED_FILE_PREFIX + JSON.stringify(ref);
    }
  };
}

async function describeStoredFile(store: FileStore | null, storeId: string, key: string, baseName: string): Promise<StoredFileRef> {
  if (!store) return { store: storeId, key, missing: "unavailable" };
  try {
    const { bytes, contentType } = await store.stat(key);
    const hash = createHash("sha256");
    let read = 0;
    for await (const chunk of await store.open(key)) {
      hash.update(chunk as Buffer);
      read += (chunk as Buffer).length;
    }
    if (read !== bytes) return { store: storeId, key, missing: "unreadable" };
    return { store: storeId, key, name: `${baseName}.${extensionFor(contentType)}`, contentType, bytes, sha256: hash.digest("hex") };
  } catch (error) {
    if (error instanceof FileStoreError) return { store: storeId, key, missing: error.code === "not_found" ? "not_found" : error.code === "too_large" ? "too_large" : "unreadable" };
    throw error;
  }
}

/** A record key as a path segment: letters, digits, "-" and "_" only; a hash keeps altered keys apart. */
function safeName(recordKey: string): string {
  const safe = recordKey.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 64) || "record";
  return safe === recordKey ? safe : `${safe}-${createHash("sha256").update(recordKey).digest("hex").slice(0, 8)}`;
}

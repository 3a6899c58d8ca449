import fs from "node:fs/promises";
import path from "node:path";
import type { SourceEnv } from "../../datamap/cross-check-datamap";
import type { Field, FileDataset } from "../../datamap/dataset-schema";
import type { FileSource } from "../../datamap/datamap-schema";
import { ConnectorError, FETCH_BATCH, type DriftIssue, type FetchRequest, type SafeRow, type SourceConnector } from "../connector-types";
import { datasetColumns } from "../dataset-columns";
import { matchRow } from "../match-row";
import { readJsonPointer } from "../read-json-pointer";
import { readSafeValues } from "../read-safe-values";
import { readFileRecords } from "./read-file-records";
import { resolveSourceDir } from "../resolve-source-dir";

/**
 * A connector for exported files (CSV, NDJSON) in a directory named by an environment variable
 * (or, for fixtures shipped with a map, relative to the map). Files have no index: each request
 * reads the file once, streaming, and keeps the rows that hold one of the person's identifiers.
 */
export async function openFileConnector(source: FileSource, options: { env: SourceEnv; baseDir: string }): Promise<SourceConnector> {
  const dir = resolveSourceDir(source.connection, options);
  const fileOf = (dataset: FileDataset) => path.join(dir, dataset.file.path);
  return {
    fetch: (dataset, request) => fetchRecords(fileOf(dataset as FileDataset), dataset as FileDataset, request),
    inspect: () => inspectFiles(source, fileOf),
    close: async () => {},
  };
}

async function* fetchRecords(file: string, dataset: FileDataset, request: FetchRequest): AsyncGenerator<SafeRow[]> {
  const wanted = (dataset.lookups ?? []).some((l) => (request.lookup.get(l.identifier)?.size ?? 0) > 0);
  if (!wanted) return;
  const columns = datasetColumns(dataset, request.columns);
  const fields = dataset.fields as Record<string, Field>;
  const ndjson = dataset.file.format === "ndjson";
  const declared = new Set(Object.keys(fields));
  const checkKeys = (keys: string[]) => {
    // Keys are column names from the file's structure, never values.
    for (const key of keys) {
      if (!declared.has(key) && !(ndjson && [...declared].some((name) => fields[name]!.pointer?.split("/")[1] === key))) {
        throw new ConnectorError("DATAMAP_DRIFT", `dataset ${dataset.id}: column "${key}" of ${dataset.file.path} is not declared in the data map`);
      }
    }
  };
  let out: SafeRow[] = [];
  for await (const { line, record } of readFileRecords(file, dataset, checkKeys)) {
    const values = readSafeValues(dataset, columns, (name, field) => (ndjson ? readJsonPointer(record, field.pointer ?? `/${name}`) : record[name]));
    if (!matchRow(dataset, values, request)) continue;
    out.push({ key: dataset.primaryKey ? String(values[dataset.primaryKey]) : `line-${line}`, values });
    if (out.length === FETCH_BATCH) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

/** Every file is readable and, for CSV, its header names exactly the declared fields. */
async function inspectFiles(source: FileSource, fileOf: (dataset: FileDataset) => string): Promise<DriftIssue[]> {
  const issues: DriftIssue[] = [];
  for (const [di, dataset] of source.datasets.entries()) {
    try {
      await fs.access(fileOf(dataset), fs.constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "FILE_UNREADABLE";
      issues.push({ path: ["datasets", di, "file", "path"], message: `cannot read ${dataset.file.path} (${code})`, code });
      continue;
    }
    if (dataset.file.format !== "csv") continue;
    let header: string[] = [];
    try {
      for await (const _ of readFileRecords(fileOf(dataset), dataset, (keys) => (header = keys))) break;
    } catch (error) {
      issues.push({ path: ["datasets", di, "file", "path"], message: (error as Error).message });
      continue;
    }
    const fields = Object.keys(dataset.fields);
    for (const key of header) if (!fields.includes(key)) issues.push({ path: ["datasets", di, "fields"], message: `column "${key}" of ${dataset.file.path} is not declared` });
    for (const name of fields) if (!header.includes(name)) issues.push({ path: ["datasets", di, "fields", name], message: `column "${name}" is not in ${dataset.file.path}` });
  }
  return issues;
}

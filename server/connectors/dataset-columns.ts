import type { Dataset, Field } from "../datamap/dataset-schema";

/**
 * The columns a connector reads for a request. "links" (identity graph) reads only what finds,
 * links, guards and dates rows; "all" (collection) reads every declared field, internal ones included,
 * because the primary key or an owner column may be internal. Fields read from another table
 * (`from`) are sql-only, and needed for links only as a time field.
 */
export function datasetColumns(dataset: Dataset, mode: "links" | "all"): string[] {
  const fields = dataset.fields as Record<string, Field>;
  if (mode === "all") return Object.keys(fields);
  const wanted = new Set<string>();
  for (const key of keyColumns(dataset)) wanted.add(key);
  for (const ref of [...(dataset.lookups ?? []), ...(dataset.yields ?? []), ...(dataset.owners ?? [])]) wanted.add(ref.column);
  // The graph passes a record identifier along only from rows inside the period (ADR 025).
  for (const time of [dataset.timeField, dataset.timeEndField]) if (time) wanted.add(time);
  return [...wanted];
}

/** The primary key's columns: one, several (a composite key, sql), or none (http and file datasets may have none). */
export function keyColumns(dataset: Dataset): string[] {
  const key = dataset.primaryKey;
  return Array.isArray(key) ? key : key ? [key] : [];
}

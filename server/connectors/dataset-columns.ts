import type { Dataset, Field } from "../datamap/dataset-schema";

/**
 * The columns a connector reads for a request. "links" (identity graph) reads only what finds,
 * links and guards rows; "all" (collection) reads every declared field, internal ones included,
 * because the primary key or an owner column may be internal. Fields read from another table
 * (`from`) are sql-only and never needed for links.
 */
export function datasetColumns(dataset: Dataset, mode: "links" | "all"): string[] {
  const fields = dataset.fields as Record<string, Field>;
  if (mode === "all") return Object.keys(fields);
  const wanted = new Set<string>();
  if (dataset.primaryKey) wanted.add(dataset.primaryKey);
  for (const ref of [...(dataset.lookups ?? []), ...(dataset.yields ?? []), ...(dataset.owners ?? [])]) wanted.add(ref.column);
  return [...wanted];
}

import { crossCheckDataset } from "./cross-check-dataset";
import { issueAt, type DatamapIssue, type IssuePath } from "./datamap-error";
import type { Datamap, Source } from "./datamap-schema";
import { checkCatalogCodes, type ResolvedCatalog } from "./resolve-catalog";

/** Environment variables, as the process sees them; only strings count as set. */
export type SourceEnv = Readonly<Record<string, unknown>>;

/**
 * Everything about a schema-valid map that needs more than one place to judge: unique ids, known
 * codes, identity fields that exist, environment variables that are set. Reports all problems at
 * once so an engineer fixes a map in one pass; nothing runs while any remain.
 */
export function crossCheckDatamap(map: Datamap, catalog: ResolvedCatalog, env: SourceEnv): DatamapIssue[] {
  const issues: DatamapIssue[] = [];
  const add = (path: IssuePath, message: string) => issues.push(issueAt(path, message));
  const sourceIds = new Map<string, number>();

  map.sources.forEach((source, si) => {
    const at: IssuePath = ["sources", si];
    if (sourceIds.has(source.id)) add([...at, "id"], `duplicate source id "${source.id}" (also sources[${sourceIds.get(source.id)}])`);
    else sourceIds.set(source.id, si);
    if (source.kind !== "files") for (const issue of checkCatalogCodes(source, catalog)) add([...at, ...issue.path], issue.message);
    for (const [key, name] of connectionEnvNames(source)) {
      if (typeof env[name] !== "string" || env[name] === "") add([...at, "connection", key], `environment variable ${name} is not set`);
    }
    const datasetIds = new Map<string, number>();
    const tables = new Map<string, number>();
    source.datasets.forEach((dataset, di) => {
      const dat: IssuePath = [...at, "datasets", di];
      if (datasetIds.has(dataset.id)) add([...dat, "id"], `duplicate dataset id "${dataset.id}" in source "${source.id}"`);
      else datasetIds.set(dataset.id, di);
      if ("table" in dataset) {
        // Two datasets on one table would disclose every row twice.
        if (tables.has(dataset.table)) add([...dat, "table"], `table "${dataset.table}" is already declared by datasets[${tables.get(dataset.table)}]`);
        else tables.set(dataset.table, di);
      }
      issues.push(...crossCheckDataset(source, dataset, dat, catalog));
    });
    if (source.kind === "sql") {
      source.ignoredTables?.forEach((ignored, i) => {
        if (tables.has(ignored.table)) add([...at, "ignoredTables", i, "table"], `"${ignored.table}" is also declared as a dataset`);
      });
    }
  });

  checkIdentity(map, add);
  checkFileFields(map, add);
  return issues;
}

/** A `file: { source }` must name a source of kind files (ADR 027); a key the portal cannot resolve would be disclosed as a bare key. */
function checkFileFields(map: Datamap, add: (path: IssuePath, message: string) => void): void {
  map.sources.forEach((source, si) => {
    source.datasets.forEach((dataset, di) => {
      for (const [name, field] of Object.entries(dataset.fields)) {
        if (!field.file) continue;
        const at: IssuePath = ["sources", si, "datasets", di, "fields", name, "file", "source"];
        const store = map.sources.find((s) => s.id === field.file!.source);
        if (!store) add(at, `unknown source "${field.file.source}" (declare a source of kind files with this id)`);
        else if (store.kind !== "files") add(at, `source "${store.id}" is of kind ${store.kind}; file: names a source of kind files`);
      }
    });
  });
}

function connectionEnvNames(source: Source): [string, string][] {
  const c = source.connection as Record<string, string | undefined>;
  return (["urlEnv", "authHeaderEnv", "dirEnv"] as const).filter((k) => c[k]).map((k) => [k, c[k]!]);
}

/** Verification matches a requester's answers against these columns (11 CCR 7062), so they must be real and readable. */
function checkIdentity(map: Datamap, add: (path: IssuePath, message: string) => void): void {
  const { identity } = map;
  const source = map.sources.find((s) => s.id === identity.source);
  if (!source) return add(["identity", "source"], `unknown source "${identity.source}"`);
  const dataset = (source.datasets as { id: string; fields: Record<string, { neverDisclose?: unknown; from?: unknown }> }[]).find((d) => d.id === identity.dataset);
  if (!dataset) return add(["identity", "dataset"], `unknown dataset "${identity.dataset}" in source "${identity.source}"`);
  for (const [point, column] of Object.entries(identity.fields)) {
    if (column === undefined) continue;
    const field = dataset.fields[column];
    if (!field) add(["identity", "fields", point], `"${column}" is not a declared field of ${identity.source}.${identity.dataset}`);
    else if (field.neverDisclose || field.from) add(["identity", "fields", point], `"${column}" cannot be matched against (never-disclose or read from another table)`);
  }
}

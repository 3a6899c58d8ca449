import type { Kysely } from "kysely";
import { openDb, type DialectName } from "../../../db/client";
import type { SourceEnv } from "../../datamap/cross-check-datamap";
import type { SqlDataset } from "../../datamap/dataset-schema";
import type { SqlSource } from "../../datamap/datamap-schema";
import { ConnectorError, FETCH_BATCH, type FetchRequest, type SafeRow, type SourceConnector } from "../connector-types";
import { phoneDigitVariants } from "../normalize-identifier";
import { toScalar } from "../to-scalar";
import { datasetColumns } from "../dataset-columns";
import { buildDatasetQuery, type LookupBatch } from "./build-dataset-query";
import { findUnindexedLookups } from "./find-unindexed-lookups";
import { streamQueryRows } from "./stream-query-rows";
import { inspectSqlSource } from "./inspect-sql-source";
import { readCaseInsensitiveColumns } from "./read-sql-columns";

/** Far below SQLite's 32,766 bound parameters and MySQL's 65,535, and small enough for a fast IN list. */
export const LOOKUP_BATCH_SIZE = 500;
/** Above this many values in all, earlier lookups' rows are skipped by key rather than in SQL. */
const EXCLUDE_LIMIT = 5000;

export interface SqlConnectorOptions {
  env: SourceEnv;
  /** An already open database (a worker's long-lived pool, a test database); left open on close(). */
  handle?: { db: Kysely<any>; dialect: DialectName };
}

/**
 * A connector for a MySQL/MariaDB or SQLite source, opened from the URL in the environment
 * variable the map names. Rows are streamed, never loaded whole, so a person with 100,000 records
 * costs the same memory as one with ten.
 */
export async function openSqlConnector(source: SqlSource, options: SqlConnectorOptions): Promise<SourceConnector> {
  let handle = options.handle;
  const owned = !handle;
  if (!handle) {
    const url = options.env[source.connection.urlEnv];
    if (typeof url !== "string" || url === "") throw new ConnectorError("SOURCE_URL_MISSING", `environment variable ${source.connection.urlEnv} is not set`);
    try {
      handle = openDb<any>(url);
    } catch {
      // openDb's message carries the (redacted) URL; the code is enough here and safe everywhere.
      throw new ConnectorError("SOURCE_URL_INVALID", `environment variable ${source.connection.urlEnv} does not hold a usable database URL`);
    }
  }
  const { db, dialect } = handle;
  let collations: Promise<ReadonlySet<string>> | null = null;
  const caseInsensitiveColumns = () => (collations ??= readCaseInsensitiveColumns(db, dialect));
  return {
    fetch: (dataset, request) => fetchRows(db, dataset as SqlDataset, request, caseInsensitiveColumns),
    inspect: () => inspectSqlSource(db, source),
    lookupWarnings: () => findUnindexedLookups(db, dialect, source),
    async close() {
      if (owned) await db.destroy();
    },
  };
}

async function* fetchRows(db: Kysely<any>, dataset: SqlDataset, request: FetchRequest, caseInsensitiveColumns: () => Promise<ReadonlySet<string>>): AsyncGenerator<SafeRow[]> {
  const lookups = planLookups(dataset, request);
  if (lookups.length === 0) return;
  const ci = lookups.some((l) => l.match === "case_insensitive") ? await caseInsensitiveColumns() : undefined;
  // One query per lookup (ADR 024); each leaves out the rows earlier lookups returned, so a row is
  // read once. With very many values the exclusion lists would be too long: a set of keys instead.
  const excluding = lookups.reduce((n, l) => n + l.values.length, 0) <= EXCLUDE_LIMIT;
  const seen = !excluding && lookups.length > 1 ? new Set<string>() : null;
  const columns = datasetColumns(dataset, request.columns);
  const keyAt = columns.indexOf(dataset.primaryKey);
  let out: SafeRow[] = [];
  for (const [i, lookup] of lookups.entries()) {
    const exclude = excluding ? lookups.slice(0, i) : [];
    for (let start = 0; start < lookup.values.length; start += LOOKUP_BATCH_SIZE) {
      const batch = { ...lookup, values: lookup.values.slice(start, start + LOOKUP_BATCH_SIZE) };
      const query = buildDatasetQuery(db, dataset, request, { batch, exclude, caseInsensitiveColumns: ci });
      for await (const rows of streamQueryRows(db, query, columns)) for (const row of rows) {
        const key = String(row[keyAt]);
        if (seen) {
          if (seen.has(key)) continue;
          seen.add(key);
        }
        const values: Record<string, unknown> = {};
        for (let c = 0; c < columns.length; c++) {
          const value = row[c];
          // Convert the rare non-JSON values (Date, Buffer, bigint); strings and numbers pass as they are.
          values[columns[c]!] = typeof value === "string" || value === null || (typeof value === "number" && Number.isFinite(value)) ? value : toScalar(value);
        }
        out.push({ key, values: values as SafeRow["values"] });
        if (out.length === FETCH_BATCH) {
          yield out;
          out = [];
        }
      }
    }
  }
  if (out.length > 0) yield out;
}

/** Each lookup with the person's values in comparable form; lookups with no value are left out. */
export function planLookups(dataset: SqlDataset, request: FetchRequest): LookupBatch[] {
  const planned: LookupBatch[] = [];
  for (const lookup of dataset.lookups ?? []) {
    const match = lookup.match ?? "exact";
    const comparable = new Set<string>();
    for (const value of request.lookup.get(lookup.identifier) ?? []) {
      if (match === "case_insensitive") comparable.add(value.toLowerCase());
      else if (match === "digits") for (const v of lookup.identifier === "phone" ? phoneDigitVariants(value) : [value.replace(/\D/g, "")]) comparable.add(v);
      else comparable.add(value);
    }
    comparable.delete("");
    if (comparable.size > 0) planned.push({ column: lookup.column, match, values: [...comparable] });
  }
  return planned;
}

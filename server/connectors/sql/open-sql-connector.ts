import type { Kysely } from "kysely";
import { openDb, redactUrl, type DialectName } from "../../../db/client";
import type { SourceEnv } from "../../datamap/cross-check-datamap";
import type { Field, SqlDataset } from "../../datamap/dataset-schema";
import type { SqlSource } from "../../datamap/datamap-schema";
import { ConnectorError, FETCH_BATCH, type FetchRequest, type SafeRow, type SourceConnector } from "../connector-types";
import { phoneDigitVariants } from "../normalize-identifier";
import { toScalar } from "../to-scalar";
import { declaredTypes, toDeclaredValue } from "../to-declared-value";
import { datasetColumns } from "../dataset-columns";
import { inWindow } from "../match-row";
import { buildDatasetQuery, type LookupBatch } from "./build-dataset-query";
import { inspectSqlSource } from "./inspect-sql-source";

/** Far below SQLite's 32,766 bound parameters and MySQL's 65,535, and small enough for a fast IN list. */
export const LOOKUP_BATCH_SIZE = 500;
/** Rows per round trip of the streaming cursor (mysql2 ignores it; better-sqlite3 iterates row by row). */
const STREAM_CHUNK = 1000;

export interface SqlConnectorOptions {
  env: SourceEnv;
  /** An already open database (a worker's long-lived pool, a test database); left open on close(). */
  handle?: { db: Kysely<any>; dialect: DialectName };
}

/**
 * A connector for a PostgreSQL, MySQL/MariaDB or SQLite source, opened from the URL in the environment
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
    } catch (error) {
      // openDb's reason (unsupported scheme and the supported ones, no database named...) says what
      // to fix; its URL part is redacted, but only the variable's name is repeated here.
      // A system error (a SQLite path that cannot be created) may name a path: its code only.
      const code = (error as NodeJS.ErrnoException).code;
      const reason = typeof code === "string" ? code : (error as Error).message.replace(`: ${redactUrl(url)}`, "");
      throw new ConnectorError("SOURCE_URL_INVALID", `source ${source.id}: environment variable ${source.connection.urlEnv} does not hold a usable database URL (${reason})`);
    }
  }
  const db = handle.db;
  return {
    fetch: (dataset, request) => fetchRows(db, dataset as SqlDataset, request),
    inspect: () => inspectSqlSource(db, source),
    async close() {
      if (owned) await db.destroy();
    },
  };
}

async function* fetchRows(db: Kysely<any>, dataset: SqlDataset, request: FetchRequest): AsyncGenerator<SafeRow[]> {
  const batches = planBatches(dataset, request);
  // One batch returns each row once; across batches a row matching two lookups could repeat.
  const seen = batches.length > 1 ? new Set<string>() : null;
  const columns = datasetColumns(dataset, request.columns);
  const typed = declaredTypes(dataset.fields as Record<string, Field>, columns);
  let out: SafeRow[] = [];
  for (const batch of batches) {
    for await (const row of buildDatasetQuery(db, dataset, request, batch).stream(STREAM_CHUNK)) {
      const values = row as Record<string, unknown>;
      const key = String(values[dataset.primaryKey]);
      if (seen) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      // The driver's row object is ours: convert the rare non-JSON values (Date, Buffer, bigint) in place.
      for (const name of columns) {
        const value = values[name];
        if (typeof value === "string" || value === null || (typeof value === "number" && Number.isFinite(value))) continue;
        values[name] = toScalar(value);
      }
      // The query took whole days around the period; the exact instants are applied here.
      if (request.window && !inWindow(dataset, values as SafeRow["values"], request)) continue;
      // Types the map declares (SQLite's 0/1 as a boolean...): one form on every dialect, ADR 023.
      for (const [name, type] of typed) values[name] = toDeclaredValue(values[name] as SafeRow["values"][string], type);
      out.push({ key, values: values as SafeRow["values"] });
      if (out.length === FETCH_BATCH) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length > 0) yield out;
}

/** Splits every (lookup column, value) pair into batches of at most LOOKUP_BATCH_SIZE values. */
function planBatches(dataset: SqlDataset, request: FetchRequest): LookupBatch[][] {
  const pairs: [number, string][] = [];
  const lookups = dataset.lookups ?? [];
  lookups.forEach((lookup, i) => {
    const match = lookup.match ?? "exact";
    const comparable = new Set<string>();
    for (const value of request.lookup.get(lookup.identifier) ?? []) {
      if (match === "case_insensitive") comparable.add(value.toLowerCase());
      else if (match === "digits") for (const v of lookup.identifier === "phone" ? phoneDigitVariants(value) : [value.replace(/\D/g, "")]) comparable.add(v);
      else comparable.add(value);
    }
    for (const value of comparable) if (value !== "") pairs.push([i, value]);
  });
  const batches: LookupBatch[][] = [];
  for (let start = 0; start < pairs.length; start += LOOKUP_BATCH_SIZE) {
    const byLookup = new Map<number, string[]>();
    for (const [i, value] of pairs.slice(start, start + LOOKUP_BATCH_SIZE)) {
      const list = byLookup.get(i) ?? [];
      list.push(value);
      byLookup.set(i, list);
    }
    batches.push([...byLookup].map(([i, values]) => ({ column: lookups[i]!.column, match: lookups[i]!.match ?? "exact", values })));
  }
  return batches;
}

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
import { toIsoTime } from "../to-iso-time";
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
  const typed = declaredTypes(dataset.fields as Record<string, Field>, columns);
  const keyAt = columns.indexOf(dataset.primaryKey);
  // Handed on as SafeRow.at only when the value is written as read: a declared type (date) changes it.
  const timeField = dataset.timeField && columns.includes(dataset.timeField) ? dataset.timeField : null;
  const passTime = timeField !== null && !typed.some(([name]) => name === timeField);
  // Every row's values object is a copy of this one, then filled: its properties exist already, so
  // no row builds its shape key by key (that cost more than reading the row, issue 14 item 4).
  const template: Record<string, null> = Object.fromEntries(columns.map((name) => [name, null]));
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
        const values: Record<string, unknown> = { ...template };
        for (let c = 0; c < columns.length; c++) {
          const value = row[c];
          // Convert the rare non-JSON values (Date, Buffer, bigint); strings and numbers pass as they are.
          values[columns[c]!] = typeof value === "string" || value === null || (typeof value === "number" && Number.isFinite(value)) ? value : toScalar(value);
        }
        // The query took whole days around the period; the exact instants are applied here.
        const at = timeField ? toIsoTime(values[timeField], dataset.timeFormat) : null;
        if (request.window && !inWindow(dataset, values as SafeRow["values"], request.window, at)) continue;
        // Types the map declares (SQLite's 0/1 as a boolean...): one form on every dialect, ADR 023.
        for (const [name, type] of typed) values[name] = toDeclaredValue(values[name] as SafeRow["values"][string], type);
        out.push(passTime ? { key, values: values as SafeRow["values"], at } : { key, values: values as SafeRow["values"] });
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

import type { Kysely } from "kysely";
import { openDb, redactUrl, type DialectName } from "../../../db/client";
import { readDefinedArrayTypes } from "../../../db/open-postgres";
import type { SourceEnv } from "../../datamap/cross-check-datamap";
import type { Field, SqlDataset } from "../../datamap/dataset-schema";
import type { SqlSource } from "../../datamap/datamap-schema";
import type { ScalarValue } from "../../collection/collection-types.shared";
import { ConnectorError, type CellRow, type FetchRequest, type SafeRow, type SourceConnector } from "../connector-types";
import { phoneDigitVariants } from "../normalize-identifier";
import { toScalar } from "../to-scalar";
import { declaredTypes, toDeclaredValue, type DeclaredType } from "../to-declared-value";
import { datasetColumns, keyColumns } from "../dataset-columns";
import { timeInWindow } from "../match-row";
import { toIsoTime } from "../to-iso-time";
import { buildDatasetQuery, PHONE_PUNCTUATION, type LookupBatch } from "./build-dataset-query";
import { findUnindexedLookups } from "./find-unindexed-lookups";
import { keepFittingValues } from "./keep-fitting-values";
import { ROW_BATCH, streamQueryRows } from "./stream-query-rows";
import { inspectSqlSource } from "./inspect-sql-source";
import type { SourcePools } from "./keep-source-pools";
import { comparedAsText, readLookupColumnFacts, type LookupColumnFacts, type PgColumnType } from "./read-sql-columns";

/** Far below SQLite's 32,766 bound parameters and MySQL's 65,535, and small enough for a fast IN list. */
export const LOOKUP_BATCH_SIZE = 500;
/** Above this many values in all, earlier lookups' rows are skipped by key rather than in SQL. */
const EXCLUDE_LIMIT = 5000;

export interface SqlConnectorOptions {
  env: SourceEnv;
  /** An already open database (a test database); left open on close(). */
  handle?: { db: Kysely<any>; dialect: DialectName };
  /** A long-lived process's kept source pools (keep-source-pools.ts): the URL's pool is taken from there and left open. */
  pools?: SourcePools;
}

/**
 * A connector for a PostgreSQL, MySQL/MariaDB or SQLite source, opened from the URL in the environment
 * variable the map names. Rows are streamed, never loaded whole, so a person with 100,000 records
 * costs the same memory as one with ten.
 */
export async function openSqlConnector(source: SqlSource, options: SqlConnectorOptions): Promise<SourceConnector> {
  let handle = options.handle;
  let owned = false;
  /** The URL whose kept pool this connector holds, handed back on close(). */
  let kept: string | undefined;
  if (!handle) {
    const url = options.env[source.connection.urlEnv];
    if (typeof url !== "string" || url === "") throw new ConnectorError("SOURCE_URL_MISSING", `environment variable ${source.connection.urlEnv} is not set`);
    try {
      handle = options.pools?.handle(url);
      if (handle) kept = url;
      else {
        owned = true;
        handle = openDb<any>(url);
      }
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
  // Read once per connector: collations, generated digits columns (ADR 024, ADR 051) and, on
  // PostgreSQL, the types of the columns lookups and owner guards compare (keep-fitting-values.ts).
  let read: Promise<LookupColumnFacts> | null = null;
  const lookupColumns = [...new Set(source.datasets.flatMap((d) => [...(d.lookups ?? []), ...(d.owners ?? [])].map((l) => l.column)))];
  // On PostgreSQL, the arrays of types the database defines are learnt in the same first read, so
  // that every query of the connector reads them as arrays (db/open-postgres.ts); fetchCellRows
  // awaits these facts before its first query there.
  const lookupFacts = () =>
    (read ??= Promise.all([readLookupColumnFacts(db, dialect, lookupColumns), dialect === "postgres" ? readDefinedArrayTypes(db) : null]).then(([facts]) => facts));
  return {
    fetch: (dataset, request) => asSafeRows(fetchCellRows(db, dataset as SqlDataset, request, lookupFacts, dialect === "postgres"), datasetColumns(dataset, request.columns)),
    fetchCells: (dataset, request) => fetchCellRows(db, dataset as SqlDataset, { ...request, columns: "all" }, lookupFacts, dialect === "postgres"),
    // A generated digits column holds nothing the person's declared column does not: no drift.
    inspect: async () => inspectSqlSource(db, source, derivedColumns((await lookupFacts()).digits)),
    lookupWarnings: () => findUnindexedLookups(db, dialect, source),
    async close() {
      if (owned) await db.destroy();
      if (kept !== undefined) options.pools!.release(kept);
      kept = undefined;
    },
  };
}

/** SafeRows from cell rows: for the identity graph and the other callers of fetch(). */
async function* asSafeRows(batches: AsyncIterable<CellRow[]>, columns: readonly string[]): AsyncGenerator<SafeRow[]> {
  // Every row's values object is a copy of this one, then filled: its properties exist already, so
  // no row builds its shape key by key.
  const template: Record<string, null> = Object.fromEntries(columns.map((name) => [name, null]));
  for await (const batch of batches) {
    yield batch.map(({ key, cells }) => {
      const values: Record<string, ScalarValue> = { ...template };
      for (let c = 0; c < columns.length; c++) values[columns[c]!] = cells[c]!;
      return { key: String(key), values };
    });
  }
}

/**
 * What fetchCellRows needs of a dataset, worked out once per dataset, outside the generator and
 * always of one shape: the generator is the hottest code of collection, and a dataset object (each
 * of its own shape), a for-of over an empty or filled array, or `typed.some` inside it made V8
 * throw its optimized code away and compile it again (about 100 ms of a compiler thread) at nearly
 * every collection (issue 14 item 4, ADR 056).
 */
interface RowPlan {
  columns: readonly string[];
  keyAt: number;
  /** A composite key's column positions (its key is the JSON array of their values), or null. */
  compositeAt: number[] | null;
  timeAt: number;
  endAt: number;
  timeFormat: SqlDataset["timeFormat"];
  /** The dataset's period rule in a fixed-shape object, for timeInWindow. */
  timing: { stillHeld: boolean | undefined; timeEndField: string | undefined; timeFormat: SqlDataset["timeFormat"] };
  window: FetchRequest["window"] | null;
  /** Cells with a declared type (ADR 023), as { at, type } objects; `typedCount` guards the loop. */
  typed: { at: number; type: DeclaredType }[];
  typedCount: number;
  /** The time is handed on as read only when a declared type (date) does not change it afterwards. */
  passTime: boolean;
}

function planRows(dataset: SqlDataset, request: FetchRequest): RowPlan {
  const columns = datasetColumns(dataset, request.columns);
  const typed = declaredTypes(dataset.fields as Record<string, Field>, columns).map(([name, type]) => ({ at: columns.indexOf(name), type }));
  const timeAt = dataset.timeField ? columns.indexOf(dataset.timeField) : -1;
  return {
    columns,
    keyAt: columns.indexOf(keyColumns(dataset)[0]!),
    // A composite key is the JSON array of its columns' values, ["o1",2]: unambiguous whatever the values hold.
    compositeAt: Array.isArray(dataset.primaryKey) ? dataset.primaryKey.map((name) => columns.indexOf(name)) : null,
    timeAt,
    endAt: dataset.timeEndField ? columns.indexOf(dataset.timeEndField) : -1,
    timeFormat: dataset.timeFormat,
    timing: { stillHeld: dataset.stillHeld, timeEndField: dataset.timeEndField, timeFormat: dataset.timeFormat },
    window: dataset.timeField ? (request.window ?? null) : null,
    typed,
    typedCount: typed.length,
    passTime: timeAt >= 0 && !typed.some((t) => t.at === timeAt),
  };
}

async function* fetchCellRows(db: Kysely<any>, dataset: SqlDataset, request: FetchRequest, lookupFacts: () => Promise<LookupColumnFacts>, postgres: boolean): AsyncGenerator<CellRow[]> {
  let lookups = planLookups(dataset, request);
  if (lookups.length === 0) return;
  const facts = postgres || lookups.some((l) => l.match !== "exact") ? await lookupFacts() : undefined;
  let ownerValues: ReadonlyMap<string, string[]> | undefined;
  let textCast: ReadonlySet<string> | undefined;
  if (postgres && facts) {
    ({ lookups, ownerValues } = await fitColumnTypes(db, dataset, request, lookups, facts.pgTypes));
    if (lookups.length === 0) return;
    textCast = new Set([...facts.pgTypes].filter(([, type]) => comparedAsText(type)).map(([column]) => column));
  }
  // One query per lookup (ADR 024); each leaves out the rows earlier lookups returned, so a row is
  // read once. With very many values the exclusion lists would be too long: a set of keys instead.
  const excluding = lookups.reduce((n, l) => n + l.values.length, 0) <= EXCLUDE_LIMIT;
  const seen = !excluding && lookups.length > 1 ? new Set<string>() : null;
  // Worked out once per dataset, not per row: where the key and times are, which columns declare a type.
  const plan = planRows(dataset, request);
  const { columns, keyAt, compositeAt, timeAt, endAt, timeFormat, timing, window, typed, typedCount, passTime } = plan;
  let out: CellRow[] = [];
  for (const [i, lookup] of lookups.entries()) {
    const exclude = excluding ? lookups.slice(0, i) : [];
    for (let start = 0; start < lookup.values.length; start += LOOKUP_BATCH_SIZE) {
      const batch = { ...lookup, values: lookup.values.slice(start, start + LOOKUP_BATCH_SIZE) };
      const query = buildDatasetQuery(db, dataset, request, { batch, exclude, caseInsensitiveColumns: facts?.caseInsensitive, digitsColumns: facts?.digits, ownerValues, textCast });
      for await (const rows of streamQueryRows(db, query, columns)) for (const row of rows) {
        // A numeric key stays a number: no string per row unless it must be remembered (issue 14 item 4).
        const raw = compositeAt ? JSON.stringify(compositeAt.map((c) => toScalar(row[c]))) : row[keyAt];
        const key = typeof raw === "number" ? raw : String(raw);
        if (seen) {
          const text = String(key);
          if (seen.has(text)) continue;
          seen.add(text);
        }
        // The driver's array is the row's cells. Converted in place: only the rare non-JSON values
        // (Date, Buffer, bigint); strings and numbers pass as they are.
        for (let c = 0; c < row.length; c++) {
          const value = row[c];
          if (!(typeof value === "string" || value === null || (typeof value === "number" && Number.isFinite(value)))) row[c] = toScalar(value);
        }
        const cells = row as ScalarValue[];
        // The query took whole days around the period; the exact instants are applied here.
        const at = timeAt >= 0 ? toIsoTime(cells[timeAt], timeFormat) : null;
        if (window && !timeInWindow(timing, at, endAt >= 0 ? cells[endAt] : null, window)) continue;
        // Types the map declares (SQLite's 0/1 as a boolean...): one form on every dialect, ADR 023.
        for (let t = 0; t < typedCount; t++) {
          const { at: c, type } = typed[t]!;
          cells[c] = toDeclaredValue(cells[c]!, type);
        }
        out.push({ key, at: passTime ? at : undefined, cells });
        if (out.length === ROW_BATCH) {
          yield out;
          out = [];
        }
      }
    }
  }
  if (out.length > 0) yield out;
}

/**
 * PostgreSQL fails a whole query over one value that cannot be of its column's type (an e-mail
 * compared with an enum or a date column), where the other dialects find no row: such a value
 * matches nothing, so it is left out of the lookups and of the owner guards' lists (the person's
 * known values, by owner column). A lookup left with no value is dropped.
 */
async function fitColumnTypes(db: Kysely<any>, dataset: SqlDataset, request: FetchRequest, lookups: LookupBatch[], pgTypes: ReadonlyMap<string, PgColumnType>) {
  const typeOf = (column: string) => pgTypes.get(`${dataset.table}.${column}`);
  const fitted: LookupBatch[] = [];
  for (const lookup of lookups) {
    const columnType = typeOf(lookup.column);
    if (columnType?.labels && lookup.match !== "exact") {
      fitted.push(...enumLabelsLookup(lookup, columnType.labels));
      continue;
    }
    // case_insensitive and digits lookups compare text made from the column, not the column.
    const type = lookup.match === "exact" ? columnType : undefined;
    const values = type ? await keepFittingValues(db, type, withoutNul(lookup.values)) : withoutNul(lookup.values);
    if (values.length > 0) fitted.push({ ...lookup, values });
  }
  const ownerValues = new Map<string, string[]>();
  for (const owner of request.known ? (dataset.owners ?? []) : []) {
    const type = typeOf(owner.column);
    const known = withoutNul([...(request.known!.get(owner.identifier) ?? [])]);
    ownerValues.set(owner.column, type ? await keepFittingValues(db, type, known) : known);
  }
  return { lookups: fitted, ownerValues };
}

/**
 * A case_insensitive or digits lookup on a PostgreSQL enum column, as the exact lookup of the
 * labels it would match: the column holds nothing else, its own index then serves it, and no index
 * could serve its text (an enum's cast to text is not immutable, so PostgreSQL refuses the index).
 */
function enumLabelsLookup(lookup: LookupBatch, labels: ReadonlySet<string>): LookupBatch[] {
  const wanted = new Set(lookup.values);
  const comparable = (label: string) => (lookup.match === "digits" ? PHONE_PUNCTUATION.reduce((text, ch) => text.replaceAll(ch, ""), label) : label.toLowerCase());
  const values = [...labels].filter((label) => wanted.has(comparable(label)));
  return values.length > 0 ? [{ column: lookup.column, match: "exact", values }] : [];
}

/**
 * PostgreSQL text cannot hold the NUL character, and a parameter holding one fails the whole query
 * (22021) whatever the column's type: such a value is in no PostgreSQL column, so it finds nothing,
 * as it finds nothing on SQLite and MariaDB.
 */
function withoutNul(values: readonly string[]): string[] {
  return values.filter((value) => !value.includes("\u0000"));
}

/** "table.column" of each generated digits column, from "table.column" -> its name. */
function derivedColumns(digits: ReadonlyMap<string, string>): ReadonlySet<string> {
  return new Set([...digits].map(([of, name]) => `${of.slice(0, of.indexOf("."))}.${name}`));
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

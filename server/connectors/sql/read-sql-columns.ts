import { sql, type Kysely } from "kysely";
import type { DialectName } from "../../../db/client";
import { digitsSql } from "./build-dataset-query";
import { normalizeSqlExpression } from "./read-index-keys";

export interface MysqlColumnFacts {
  /** Full type as declared, e.g. "varchar(254)". */
  columnType: string;
  nullable: boolean;
  charset: string | null;
  collation: string | null;
  /** Characters a char/varchar/text column holds at most; null for other types. */
  maxLength: number | null;
  /** A generated column's expression as the server keeps it (MariaDB and MySQL rewrite the text); else null. */
  generation: string | null;
}

/**
 * MySQL/MariaDB column facts of the current database, by "table.column": a case_insensitive
 * lookup can use the column's own index when its collation already ignores case (ADR 024), a
 * digits lookup a generated column holding the digits (ADR 051).
 * Other dialects compare lower(column) and index expressions, and return an empty map.
 */
export async function readMysqlColumnFacts(db: Kysely<any>, dialect: DialectName): Promise<Map<string, MysqlColumnFacts>> {
  const facts = new Map<string, MysqlColumnFacts>();
  if (dialect !== "mysql") return facts;
  const { rows } = await sql<{ t: string; c: string; type: string; nullable: string; charset: string | null; collation: string | null; length: number | string | null; generation: string | null }>`
    select table_name as t, column_name as c, column_type as type, is_nullable as nullable,
           character_set_name as charset, collation_name as collation,
           character_maximum_length as length, generation_expression as generation
    from information_schema.columns where table_schema = database()`.execute(db);
  for (const r of rows) {
    facts.set(`${r.t}.${r.c}`, {
      columnType: String(r.type),
      nullable: r.nullable === "YES",
      charset: r.charset,
      collation: r.collation,
      maxLength: r.length === null ? null : Number(r.length),
      generation: r.generation || null,
    });
  }
  return facts;
}

/** "table.column" of every column whose collation compares case-insensitively (`..._ci`). */
export async function readCaseInsensitiveColumns(db: Kysely<any>, dialect: DialectName): Promise<ReadonlySet<string>> {
  return caseInsensitiveColumnsOf(await readMysqlColumnFacts(db, dialect));
}

export function caseInsensitiveColumnsOf(facts: ReadonlyMap<string, MysqlColumnFacts>): ReadonlySet<string> {
  return new Set([...facts].filter(([, f]) => f.collation?.endsWith("_ci")).map(([name]) => name));
}

/** The name a generated digits column of `column` must have (ADR 051): found by name, then verified. */
export const digitsColumnName = (column: string) => `${column}_rtk_digits`;

/**
 * The generated digits column of "table.column", if the table has one by name: null when there is
 * none; else its name and, when it cannot stand in for the expression, why not. It stands in only
 * when every row's value is exactly `digitsSql(column)` compared the same way: generated from that
 * expression, under the column's collation, and long enough never to cut a value short. Then a
 * lookup through it returns the very rows the expression would.
 */
export function checkDigitsColumn(facts: ReadonlyMap<string, MysqlColumnFacts>, table: string, column: string): { name: string; problem: string | null } | null {
  const name = digitsColumnName(column);
  const helper = facts.get(`${table}.${name}`);
  const source = facts.get(`${table}.${column}`);
  if (!helper || !source) return null;
  if (!helper.generation || generationKey(helper.generation) !== generationKey(digitsSql(column))) {
    return { name, problem: `it is not generated as ${digitsSql(column)}` };
  }
  if (!source.collation || helper.collation !== source.collation) return { name, problem: `its collation is not ${source.collation ?? "a text collation"}, the one of ${column}` };
  if (source.maxLength === null || helper.maxLength === null || helper.maxLength < source.maxLength) return { name, problem: `it is shorter than ${column}` };
  return { name, problem: null };
}

/** "table.column" -> its generated digits column, for every column that has a usable one (checkDigitsColumn). */
export function digitsColumnsOf(facts: ReadonlyMap<string, MysqlColumnFacts>): ReadonlyMap<string, string> {
  const columns = new Map<string, string>();
  for (const key of facts.keys()) {
    const at = key.indexOf(".");
    const table = key.slice(0, at);
    const column = key.slice(at + 1);
    const helper = checkDigitsColumn(facts, table, column);
    if (helper && !helper.problem) columns.set(key, helper.name);
  }
  return columns;
}

/** The facts a connector reads once (ADR 024, ADR 051): which lookups a plain or generated column's index can answer. */
export interface LookupColumnFacts {
  caseInsensitive: ReadonlySet<string>;
  digits: ReadonlyMap<string, string>;
  /**
   * PostgreSQL: "table.column" (as a map writes the table: "schema.table" outside public, either
   * form in public) -> the column's type, so values that cannot be of that type are not sent
   * (keepFittingValues). Empty on the other dialects.
   */
  pgTypes: ReadonlyMap<string, PgColumnType>;
}

/** A PostgreSQL column's type as lookups need it; a domain's is the type it is over. */
export interface PgColumnType {
  /** pg_type.typnamespace's name and pg_type.typname: "pg_catalog" and "date", "public" and "tier". */
  schema: string;
  name: string;
  /** An enum's labels, the only values it reads; null for other types. */
  labels: ReadonlySet<string> | null;
}

/** PostgreSQL types lower() and replace() take as they are (citext has its own lower()). */
const TEXT_TYPES = new Set(["text", "varchar", "bpchar", "citext", "name"]);

/**
 * True when lower() and replace() cannot take the column as it is: on PostgreSQL they take no
 * enum, integer or uuid (the other dialects convert any column themselves). An integer or uuid
 * column is then compared cast to text, and the suggested index is on the same cast; an enum's
 * lookup becomes an exact one on its labels instead (open-sql-connector.ts), as its text cannot
 * be indexed.
 */
export function comparedAsText(type: PgColumnType | undefined): boolean {
  return type !== undefined && !TEXT_TYPES.has(type.name);
}

/**
 * `lookupColumns` (the names a source's lookups and owner guards compare) narrows PostgreSQL's type read to them:
 * it runs once per connector, that is per collection, and a business's database may hold
 * thousands of tables.
 */
export async function readLookupColumnFacts(db: Kysely<any>, dialect: DialectName, lookupColumns?: readonly string[]): Promise<LookupColumnFacts> {
  const facts = await readMysqlColumnFacts(db, dialect);
  return { caseInsensitive: caseInsensitiveColumnsOf(facts), digits: digitsColumnsOf(facts), pgTypes: await readPostgresColumnTypes(db, dialect, lookupColumns) };
}

export async function readPostgresColumnTypes(db: Kysely<any>, dialect: DialectName, columns: readonly string[] | undefined): Promise<ReadonlyMap<string, PgColumnType>> {
  const types = new Map<string, PgColumnType>();
  if (dialect !== "postgres" || columns?.length === 0) return types;
  const only = columns ? sql`and c.column_name = any(${[...columns]})` : sql``;
  // udt_* name a domain's base type. An enum's labels come with its column, in the same read: a
  // handful of lookup columns, not every enum of the database.
  const { rows } = await sql<{ s: string; t: string; c: string; ts: string; type: string; current: boolean; labels: string[] | null }>`
    select c.table_schema as s, c.table_name as t, c.column_name as c, c.udt_schema as ts, c.udt_name as type,
           c.table_schema = current_schema() as current,
           (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_catalog.pg_enum e
              join pg_catalog.pg_type ty on ty.oid = e.enumtypid join pg_catalog.pg_namespace n on n.oid = ty.typnamespace
             where n.nspname = c.udt_schema and ty.typname = c.udt_name) as labels
    from information_schema.columns c where c.table_schema not in ('pg_catalog', 'information_schema') ${only}`.execute(db);
  for (const r of rows) {
    const type: PgColumnType = { schema: r.ts, name: r.type, labels: r.labels ? new Set(r.labels) : null };
    types.set(`${r.s}.${r.t}.${r.c}`, type);
    if (r.current) types.set(`${r.t}.${r.c}`, type);
  }
  return types;
}

/**
 * One spelling of a generated column's expression: MariaDB keeps `replace(\`phone\`,' ','')`,
 * MySQL 8 adds charset introducers (`_utf8mb4' '`) and may escape quotes.
 */
function generationKey(expression: string): string {
  return normalizeSqlExpression(expression.replace(/\\'/g, "'").replace(/_[a-z0-9]+'/gi, "'"));
}

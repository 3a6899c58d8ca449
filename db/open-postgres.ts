import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { toDecimal } from "../server/connectors/to-decimal";
import { toIsoTime } from "../server/connectors/to-iso-time";

/** PostgreSQL type ids (pg_type.oid) whose text form we read ourselves. */
const OID = {
  int8: 20,
  text: 25,
  json: 114,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  numeric: 1700,
  jsonb: 3802,
} as const;

const identity = (text: string) => text;

/** pg-types 2.x's array parser as it is at run time ({ create(text, transform).parse() }); its .d.ts declares a plain function. */
const arrayParser = pg.types.arrayParser as unknown as { create(source: string, transform: (entry: string) => unknown): { parse(): unknown[] } };

/**
 * Built-in array types (pg_type.typarray) -> their element type. pg's own array parsers read
 * numeric[] as doubles (cents lost beyond 15 digits), date[] and timestamp[] as local-time Dates,
 * bytea[] as Buffers (JSON.stringify writes {"type":"Buffer",...}) and interval[] as objects; here
 * each element is read as its scalar column is, so an array discloses the same values (ADR 023).
 * Arrays of a type the database defines (an enum, citext, a domain) have no fixed id: each pool
 * learns theirs from the catalog (readDefinedArrayTypes).
 */
const ARRAY_ELEMENT: Record<number, number> = {
  1000: 16, // bool
  1001: 17, // bytea
  1002: 18, // char
  1005: 21, // int2
  1007: 23, // int4
  1009: 25, // text
  1014: 1042, // bpchar
  1015: 1043, // varchar
  1016: 20, // int8
  1021: 700, // float4
  1022: 701, // float8
  1028: 26, // oid
  1040: 829, // macaddr
  1041: 869, // inet
  651: 650, // cidr
  791: 790, // money
  143: 142, // xml
  1115: 1114, // timestamp
  1182: 1082, // date
  1183: 1083, // time
  1185: 1184, // timestamptz
  1187: 1186, // interval
  1231: 1700, // numeric
  1270: 1266, // timetz
  1561: 1560, // bit
  1563: 1562, // varbit
  2951: 2950, // uuid
  199: 114, // json
  3807: 3802, // jsonb
};

/**
 * Reads PostgreSQL's text forms as the other dialects hand the same values over (ADR 022, 023):
 * - int8: a number when exact, else the digits (mysql2's supportBigNumbers does the same);
 * - numeric: toDecimal, like MariaDB's DECIMAL and SQLite's numbers;
 * - timestamp/timestamptz: ISO 8601 UTC with milliseconds. The session runs in UTC, and a
 *   timestamp without time zone holds UTC by the sources' convention (ADR 002); "infinity" stays text;
 * - date: "YYYY-MM-DD" as held (pg's default makes a local-midnight Date: a day off west of UTC);
 * - json/jsonb: the JSON text, canonical (canonicalJson), instead of a parsed object;
 * - interval: its text, instead of pg's object.
 * Per pool (the `types` option), never pg.types.setTypeParser: that is global to the process.
 */
function parseSourceText(oid: number): (text: string) => unknown {
  const element = ARRAY_ELEMENT[oid];
  if (element !== undefined) return parseArray(element);
  switch (oid) {
    case OID.int8:
      return (text: string) => (Number.isSafeInteger(Number(text)) ? Number(text) : text);
    case OID.numeric:
      return (text: string) => toDecimal(text);
    case OID.timestamp:
    case OID.timestamptz:
      return (text: string) => toIsoTime(text.replace(/([+-]\d{2})$/, "$1:00")) ?? text;
    case OID.date:
    case OID.interval:
      return identity;
    case OID.json:
    case OID.jsonb:
      return (text: string) => canonicalJson(text);
    default:
      return pg.types.getTypeParser(oid, "text");
  }
}

/** An array of `element`s: each element is what its scalar column gives. */
function parseArray(element: number): (text: string) => unknown[] {
  const parse = parseSourceText(element);
  // JSON documents stay objects inside the array (canonical: keys sorted) and binary becomes
  // base64, as toScalar writes a bytea column.
  const read = element === OID.json || element === OID.jsonb ? (text: string) => JSON.parse(canonicalJson(text)) as unknown : (text: string) => asElement(parse(text));
  return (text: string) => arrayParser.create(text, read).parse();
}

/** An array element as JSON can hold it: binary as base64 (like toScalar), a Date as ISO 8601. */
function asElement(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return value;
}

/** A pool's type parsers; `definedArrays` (array type id -> the type id its elements are read as) is filled by readDefinedArrayTypes. */
function sourceTypes(definedArrays: ReadonlyMap<number, number>): pg.CustomTypesConfig {
  const getTypeParser = (oid: number, format?: string) => {
    if (format === "binary") return pg.types.getTypeParser(oid, "binary");
    const element = definedArrays.get(oid);
    return element === undefined ? parseSourceText(oid) : parseArray(element);
  };
  return { getTypeParser: getTypeParser as pg.CustomTypesConfig["getTypeParser"] };
}

/** Each pool's arrays of database-defined types, by its Kysely instance. */
const definedArraysOf = new WeakMap<object, Map<number, number>>();

/**
 * Learns the source's arrays of enums, domains and extension string types (citext), so that they
 * come out as arrays like those of built-in types instead of PostgreSQL's array text
 * ({happy,"so-so, fine"}), which a person would have to read PostgreSQL's quoting to understand.
 * Their ids are the database's own, so they are read from the catalog; a connector does so once
 * before its first query (open-sql-connector.ts), so a type created since the pool opened is seen.
 * Elements of an enum or a string type are strings; those of a domain are read as its base type's
 * (a domain over numeric gives decimals as numeric[] does). A no-op for a Kysely instance that
 * openPostgres did not make.
 */
export async function readDefinedArrayTypes(db: Kysely<any>): Promise<void> {
  const arrays = definedArraysOf.get(db);
  if (!arrays) return;
  // 16384 (FirstNormalObjectId): types made by the database's users and extensions, not built in.
  const { rows } = await sql<{ array_oid: number; element: number }>`
    select a.oid::int8 as array_oid, (case when e.typtype = 'd' then e.typbasetype else ${sql.lit(OID.text)}::oid end)::int8 as element
    from pg_catalog.pg_type a join pg_catalog.pg_type e on e.oid = a.typelem
    where a.typcategory = 'A' and a.oid >= 16384 and (e.typtype in ('d', 'e') or e.typcategory = 'S')`.execute(db);
  for (const { array_oid, element } of rows) arrays.set(Number(array_oid), Number(element));
}

/**
 * A JSON text with its object keys sorted and no spaces: jsonb reorders keys and adds spaces,
 * MariaDB and SQLite keep what was written; this form is the same for the same value everywhere.
 */
export function canonicalJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), (_key, value: unknown) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : value,
    );
  } catch {
    return text;
  }
}

/**
 * A Kysely instance on a PostgreSQL source, and its pool (collection streams rows from it through
 * pg-cursor itself: server/connectors/sql/stream-query-rows.ts; Kysely's `.stream()` needs the cursor too). Sessions run in UTC so that text bounds compare with timestamptz
 * columns as UTC, as they do on the other dialects.
 */
export function openPostgres<DB>(url: string): { db: Kysely<DB>; pool: pg.Pool } {
  const definedArrays = new Map<number, number>();
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    options: "-c TimeZone=UTC",
    types: sourceTypes(definedArrays),
  });
  // An idle client losing its server (a restart) must not crash the process: the next query reconnects.
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  definedArraysOf.set(db, definedArrays);
  return { db, pool };
}

import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { toDecimal } from "../server/connectors/to-decimal";
import { toIsoTime } from "../server/connectors/to-iso-time";

/** PostgreSQL type ids (pg_type.oid) whose text form we read ourselves. */
const OID = {
  int8: 20,
  json: 114,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  numeric: 1700,
  jsonb: 3802,
} as const;

const identity = (text: string) => text;

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
const sourceTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (format === "binary") return pg.types.getTypeParser(oid, "binary");
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
  }) as pg.CustomTypesConfig["getTypeParser"],
};

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
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    options: "-c TimeZone=UTC",
    types: sourceTypes,
  });
  // An idle client losing its server (a restart) must not crash the process: the next query reconnects.
  pool.on("error", () => {});
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) }), pool };
}

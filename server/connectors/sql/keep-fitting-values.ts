import { sql, type Kysely } from "kysely";
import { fitsColumnType } from "./fits-column-type";
import type { PgColumnType } from "./read-sql-columns";

/**
 * The values PostgreSQL can read as `type`, in their order: a value it cannot read would fail the
 * whole lookup query (22P02, 22007...) and so the source, where SQLite and MariaDB find no row
 * (fitsColumnType). Enums, integers, uuid and decimals are judged here; for the other types
 * (date, timestamp, boolean, inet, cidr, macaddr, jsonb, arrays, types of extensions) the server
 * itself is asked, with the very input function the lookup would use:
 * - a check in JavaScript would have to copy each input syntax (dates in every DateStyle,
 *   'epoch' and 'today', booleans as yes/on/1, cidr's host bits): one stricter than PostgreSQL
 *   leaves out a value that matches, and the person's data with it;
 * - pg_input_is_valid() is PostgreSQL 16 and later (we run 15);
 * - a temporary function with an exception handler is DDL, refused on a read-only replica.
 * One statement casts them all (one round trip when all fit, the usual case); when one does not,
 * halves are tried until each unfit value is alone: about 2·log2(n) statements per unfit value.
 * Only input is run: nothing is written, and no error of this kind reaches the person's request.
 */
export async function keepFittingValues(db: Kysely<any>, type: PgColumnType, values: readonly string[]): Promise<string[]> {
  const verdicts = values.map((value) => fitsColumnType(value, type.name, type.labels));
  const ask = values.filter((_, i) => verdicts[i] === null);
  const readable = new Set(ask.length > 0 ? await readableBy(db, type, ask) : []);
  return values.filter((value, i) => verdicts[i] ?? readable.has(value));
}

async function readableBy(db: Kysely<any>, type: PgColumnType, values: string[]): Promise<string[]> {
  try {
    // count() evaluates the cast for every value; schema-qualified so no type of the same name on
    // the search path stands in.
    await sql`select count(cast(v as ${sql.id(type.schema, type.name)})) from unnest(cast(${values} as text[])) as v`.execute(db);
    return values;
  } catch (error) {
    // Class 22, data exception: a value the type cannot read. Anything else (the server gone) fails the source as before.
    if (!String((error as { code?: unknown }).code).startsWith("22")) throw error;
    if (values.length === 1) return [];
    const half = values.length >> 1;
    return [...(await readableBy(db, type, values.slice(0, half))), ...(await readableBy(db, type, values.slice(half)))];
  }
}

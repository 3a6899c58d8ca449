/** PostgreSQL integer types and the largest value each holds. */
const INTEGER_MAX: Record<string, bigint> = { int2: 32767n, int4: 2147483647n, int8: 9223372036854775807n };
const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/**
 * Whether PostgreSQL can read `value` as a value of a column of type `udtName` (pg_type.typname).
 * PostgreSQL casts a lookup's text parameter to the column's type and fails the whole query on a
 * value that does not fit ("invalid input syntax for type uuid", 22P02), where SQLite and MySQL
 * find no row: a customer number "Jan-42" looked up in a uuid column, or another system's id in an
 * integer one. Such a value cannot match, so the connector leaves it out and the source answers
 * as the other dialects do (ADR 023). Types not listed here take any text.
 *
 * @example fitsColumnType("Jan-42", "uuid") // false
 * @example fitsColumnType("42", "int4") // true
 */
export function fitsColumnType(value: string, udtName: string): boolean {
  if (udtName === "uuid") return /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(value.trim()) || /^\{?([0-9a-f]{4}-?){7}[0-9a-f]{4}\}?$/i.test(value.trim());
  const max = INTEGER_MAX[udtName];
  if (max !== undefined) {
    if (!INTEGER.test(value)) return false;
    const n = BigInt(value.trim());
    return n <= max && n >= -max - 1n;
  }
  if (udtName === "numeric" || udtName === "float4" || udtName === "float8") return DECIMAL.test(value);
  return true;
}

/** PostgreSQL integer types and the largest value each holds. */
const INTEGER_MAX: Record<string, bigint> = { int2: 32767n, int4: 2147483647n, int8: 9223372036854775807n };
const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;
/** Types whose input takes any text (char(n) and varchar(n) do not check the length of a compared value). */
const ANY_TEXT = new Set(["text", "varchar", "bpchar", "name", "char", "citext"]);

/**
 * Whether PostgreSQL can read `value` as a value of a column of type `udtName` (pg_type.typname;
 * `labels` the labels of an enum type). PostgreSQL casts a lookup's text parameter to the column's
 * type and fails the whole query on a value that does not fit ("invalid input syntax for type
 * uuid", "invalid input value for enum", 22P02), where SQLite and MySQL find no row: a customer
 * number "Jan-42" looked up in a uuid column, another system's id in an integer one, an e-mail in
 * an enum one. Such a value cannot match, so the connector leaves it out and the source answers as
 * the other dialects do (ADR 023).
 *
 * null for a type whose input rules only PostgreSQL knows well enough (date and time forms depend
 * on DateStyle, booleans read yes/on/1, inet, macaddr, jsonb...): keepFittingValues asks the server.
 *
 * @example fitsColumnType("Jan-42", "uuid") // false
 * @example fitsColumnType("42", "int4") // true
 * @example fitsColumnType("Gold", "tier", new Set(["gold"])) // false: an enum label is matched exactly
 * @example fitsColumnType("Jan-42", "date") // null
 */
export function fitsColumnType(value: string, udtName: string, labels?: ReadonlySet<string> | null): boolean | null {
  // enum_in looks the label up as written: no trimming, no case folding.
  if (labels) return labels.has(value);
  if (ANY_TEXT.has(udtName)) return true;
  if (udtName === "uuid") return /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(value.trim()) || /^\{?([0-9a-f]{4}-?){7}[0-9a-f]{4}\}?$/i.test(value.trim());
  const max = INTEGER_MAX[udtName];
  if (max !== undefined) {
    if (!INTEGER.test(value)) return false;
    const n = BigInt(value.trim());
    return n <= max && n >= -max - 1n;
  }
  if (udtName === "numeric" || udtName === "float4" || udtName === "float8") return DECIMAL.test(value);
  return null;
}

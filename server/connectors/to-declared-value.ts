import type { ScalarValue } from "../collection/collection-types.shared";
import type { Field } from "../datamap/dataset-schema";
import { canonicalJson } from "../../db/open-postgres";
import { toDecimal } from "./to-decimal";
import { toIsoTime } from "./to-iso-time";

export type DeclaredType = NonNullable<Field["type"]>;

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;
const TRUE = new Set<ScalarValue>([true, 1, "1", "true", "t", "TRUE", "T"]);
const FALSE = new Set<ScalarValue>([false, 0, "0", "false", "f", "FALSE", "F"]);

/**
 * A value read for a field whose map declares its type (`type:` in docs/data-map.md), in the one
 * form every dialect gives (docs/decisions/023). The declaration is for what a column type cannot
 * say: SQLite has no boolean, decimal or time types, MySQL's BOOLEAN is 0/1, a CSV is all text.
 * A value that does not read as the declared type is disclosed as held, never dropped or guessed.
 *
 * @example toDeclaredValue(1, "boolean") // true
 * @example toDeclaredValue("2026-08-14 07:31:56.357", "instant") // "2026-08-14T07:31:56.357Z"
 * @example toDeclaredValue("1234.50", "decimal") // 1234.5
 */
export function toDeclaredValue(value: ScalarValue, type: DeclaredType): ScalarValue {
  if (value === null) return null;
  switch (type) {
    case "boolean":
      return TRUE.has(value) ? true : FALSE.has(value) ? false : value;
    case "decimal":
      return typeof value === "boolean" ? value : toDecimal(value);
    case "instant":
      return typeof value === "string" ? (toIsoTime(value) ?? value) : value;
    case "date":
      return typeof value === "string" && DATE_PREFIX.test(value) ? value.slice(0, 10) : value;
    case "json":
      return typeof value === "string" ? canonicalJson(value) : value;
  }
}

/** The dataset's fields that declare a type, to convert per row without looking at the others. */
export function declaredTypes(fields: Record<string, Field>, columns: readonly string[]): [string, DeclaredType][] {
  const out: [string, DeclaredType][] = [];
  for (const name of columns) {
    const type = fields[name]?.type;
    if (type && !fields[name]!.neverDisclose) out.push([name, type]);
  }
  return out;
}

import type { ScalarValue } from "../collection/collection-types.shared";
import type { Dataset, Field } from "../datamap/dataset-schema";
import { ConnectorError } from "./connector-types";
import { toDeclaredValue } from "./to-declared-value";
import { toScalar } from "./to-scalar";

/**
 * Turns a parsed record (a CSV row, an NDJSON object, an API record) into the values a connector
 * may let out. A never-disclose field becomes 1 or 0 here, at parse time, so its value is never
 * stored, returned, logged or put in an error (11 CCR 7024(d)).
 *
 * With `strict`, a record key that the map does not declare fails the source: undeclared data
 * would otherwise be silently left out of the disclosure (DATAMAP_DRIFT; run `rtk datamap check`).
 */
export function readSafeValues(
  dataset: Dataset,
  columns: readonly string[],
  read: (name: string, field: Field) => unknown,
  options: { strictKeys?: Iterable<string> } = {},
): Record<string, ScalarValue> {
  const fields = dataset.fields as Record<string, Field>;
  if (options.strictKeys) {
    const declared = new Set(Object.keys(fields).map((name) => topKey(name, fields[name]!)));
    for (const key of options.strictKeys) {
      // The key is a name from the source's structure, not a value: safe to put in the message.
      if (!declared.has(key)) throw new ConnectorError("DATAMAP_DRIFT", `dataset ${dataset.id}: "${key}" is not declared in the data map`);
    }
  }
  const values: Record<string, ScalarValue> = {};
  for (const name of columns) {
    const field = fields[name]!;
    const raw = read(name, field);
    if (field.neverDisclose) values[name] = raw === null || raw === undefined || raw === "" ? 0 : 1;
    else values[name] = field.type ? toDeclaredValue(toScalar(raw), field.type) : toScalar(raw);
  }
  return values;
}

/** The record key a field reads: its own name, or the first segment of its JSON pointer. */
function topKey(name: string, field: Field): string {
  if (!field.pointer) return name;
  return (field.pointer.split("/")[1] ?? "").replace(/~1/g, "/").replace(/~0/g, "~");
}

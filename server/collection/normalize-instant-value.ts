import { toIsoTime } from "../connectors/to-iso-time";
import type { ScalarValue } from "./collection-types.shared";

/**
 * The one place a field the map formats as an `instant` gets its document form: UTC ISO 8601
 * with the zone ("2026-08-14T07:31:56.357Z"), as docs/disclosure-format.md promises, whatever
 * the source stored ("2026-08-14 07:31:56.357", a DATETIME, epoch milliseconds). Applied as the
 * spool is written, so both documents read the same value. Connectors that already return ISO
 * (issue 14 item 5) pass through unchanged; a value that is no time is kept as it was.
 *
 * @example normalizeInstantValue("2026-08-14 07:31:56.357") // "2026-08-14T07:31:56.357Z"
 */
export function normalizeInstantValue(value: ScalarValue): ScalarValue {
  if (value === null || typeof value === "boolean") return value;
  return toIsoTime(value) ?? value;
}

import type { ScalarValue } from "../collection/collection-types.shared";

/**
 * A driver or parser value as a JSON scalar: what a spool line can hold. Dates become ISO-8601
 * UTC, big integers stay exact (as text when beyond 2^53), binary becomes base64 so that a stored
 * image or file is disclosed rather than dropped, and nested JSON is kept as its text.
 */
export function toScalar(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    default:
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
      if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString("base64");
      return JSON.stringify(value);
  }
}

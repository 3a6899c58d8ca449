import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../db/open-postgres";
import { toDecimal } from "../../../server/connectors/to-decimal";
import { toDeclaredValue } from "../../../server/connectors/to-declared-value";
import { toIsoTime } from "../../../server/connectors/to-iso-time";

// ADR 023: one form per kind of value, whichever engine held it.

describe("values as held", () => {
  it("[DISCLOSURE]: decimals keep every cent: a number when its JSON text is the decimal, exact text beyond 15 digits", () => {
    expect(toDecimal("1234.50")).toBe(1234.5);
    expect(JSON.stringify(toDecimal("0.10"))).toBe("0.1");
    expect(toDecimal("-0.010")).toBe(-0.01);
    expect(toDecimal("-0.00")).toBe(0);
    expect(toDecimal("42")).toBe(42);
    expect(toDecimal("999999999999999.99")).toBe("999999999999999.99");
    expect(toDecimal("1234567890123.45")).toBe(1234567890123.45);
    expect(toDecimal("12345678901234.56")).toBe("12345678901234.56");
    expect(JSON.stringify(toDecimal("9999999999999.99"))).toBe("9999999999999.99");
    expect(toDecimal("12345678901234567.89")).toBe("12345678901234567.89");
    expect(toDecimal("-00012345678901234567.8900")).toBe("-12345678901234567.89");
    expect(toDecimal("0.000000000000000001")).toBe(1e-18);
    // Not a plain decimal: as held.
    for (const odd of ["NaN", "Infinity", "1e5", "", "12,50", "abc"]) expect(toDecimal(odd)).toBe(odd);
    expect(toDecimal(1234.5)).toBe(1234.5);
  });

  it("[DISCLOSURE]: declared booleans, dates, instants and JSON read alike from 0/1, text and native values", () => {
    for (const yes of [1, "1", true, "t", "true"]) expect(toDeclaredValue(yes, "boolean")).toBe(true);
    for (const no of [0, "0", false, "f", "false"]) expect(toDeclaredValue(no, "boolean")).toBe(false);
    expect(toDeclaredValue(2, "boolean")).toBe(2);
    expect(toDeclaredValue("2026-02-28", "date")).toBe("2026-02-28");
    expect(toDeclaredValue("2026-02-28 00:00:00", "date")).toBe("2026-02-28");
    expect(toDeclaredValue("28/02/2026", "date")).toBe("28/02/2026");
    expect(toDeclaredValue("2026-08-14 07:31:56.357", "instant")).toBe("2026-08-14T07:31:56.357Z");
    expect(toDeclaredValue("2026-08-14T00:31:56.357-07:00", "instant")).toBe("2026-08-14T07:31:56.357Z");
    expect(toDeclaredValue("someday", "instant")).toBe("someday");
    expect(toDeclaredValue('{"b": 1, "a": {"d": [2, 1], "c": null}}', "json")).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(toDeclaredValue("not json", "json")).toBe("not json");
    expect(toDeclaredValue("12.50", "decimal")).toBe(12.5);
    expect(toDeclaredValue(null, "boolean")).toBeNull();
  });

  it("[DISCLOSURE]: PostgreSQL's and MariaDB's time text reads as ISO 8601 UTC with milliseconds", () => {
    expect(toIsoTime("2026-08-14 07:31:56.357123+00:00")).toBe("2026-08-14T07:31:56.357Z");
    expect(toIsoTime("2026-08-14 07:31:56+00:00")).toBe("2026-08-14T07:31:56.000Z");
    expect(toIsoTime("2026-08-14T07:31:56.357Z")).toBe("2026-08-14T07:31:56.357Z");
    expect(canonicalJson("[1, 2]")).toBe("[1,2]");
  });
});

import { describe, expect, it } from "vitest";
import { fitsColumnType } from "../../../server/connectors/sql/fits-column-type";

// A value PostgreSQL could not read as the lookup column's type would fail the whole query (22P02):
// it is left out, since it can match no row there (issue 14, a foreign schema).
describe("fitsColumnType", () => {
  it("accepts what PostgreSQL reads as a uuid, integer or decimal, and nothing else", () => {
    expect(fitsColumnType("11111111-1111-4111-8111-111111111111", "uuid")).toBe(true);
    expect(fitsColumnType("{11111111111141118111111111111111}", "uuid")).toBe(true);
    expect(fitsColumnType("Jan-Kowalski-42", "uuid")).toBe(false);
    expect(fitsColumnType(" 42 ", "int4")).toBe(true);
    expect(fitsColumnType("2147483648", "int4")).toBe(false);
    expect(fitsColumnType("-32768", "int2")).toBe(true);
    expect(fitsColumnType("9223372036854775808", "int8")).toBe(false);
    expect(fitsColumnType("4.2", "int8")).toBe(false);
    expect(fitsColumnType("4.2e3", "numeric")).toBe(true);
    expect(fitsColumnType("abc", "numeric")).toBe(false);
    expect(fitsColumnType("anything at all", "text")).toBe(true);
    expect(fitsColumnType("Ała@Example.PL", "citext")).toBe(true);
  });

  it("accepts only an enum's labels, exactly as written", () => {
    const labels = new Set(["gold", "silver"]);
    expect(fitsColumnType("gold", "tier", labels)).toBe(true);
    expect(fitsColumnType("Gold", "tier", labels)).toBe(false);
    expect(fitsColumnType("ana@example.com", "tier", labels)).toBe(false);
  });

  it("leaves types with richer input (dates, booleans, addresses, JSON) to PostgreSQL itself", () => {
    for (const type of ["date", "timestamptz", "bool", "inet", "macaddr", "jsonb", "_int4"]) expect(fitsColumnType("Jan-42", type)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { matchRow } from "../../../server/connectors/match-row";
import { normalizeIdentifier, phoneDigitVariants } from "../../../server/connectors/normalize-identifier";
import { readJsonPointer } from "../../../server/connectors/read-json-pointer";
import { toIsoTime } from "../../../server/connectors/to-iso-time";
import { toScalar } from "../../../server/connectors/to-scalar";
import type { Dataset } from "../../../server/datamap/dataset-schema";

describe("connector helpers", () => {
  it("[IDENTITY]: e-mail addresses match whatever their case and spacing", () => {
    expect(normalizeIdentifier("email", "  Olivia.Bennett@BrightHarbor.example ")).toBe("olivia.bennett@brightharbor.example");
    expect(normalizeIdentifier("email", "   ")).toBeNull();
    expect(normalizeIdentifier("user_id", " usr_1 ")).toBe("usr_1");
    expect(normalizeIdentifier("user_id", null)).toBeNull();
  });

  it("[IDENTITY]: phone numbers typed in any North American format become E.164", () => {
    for (const typed of ["(415) 555-0142", "415.555.0142", "415-555-0142", "+1 (415) 555-0142", "1-415-555-0142", "+14155550142", "011 1 415 555 0142"]) {
      expect(normalizeIdentifier("phone", typed)).toBe("+14155550142");
    }
    expect(normalizeIdentifier("phone", "+44 20 7946 0123")).toBe("+442079460123");
    expect(normalizeIdentifier("phone", "555-0142")).toBeNull();
    expect(phoneDigitVariants("+14155550142")).toEqual(["14155550142", "4155550142"]);
    expect(phoneDigitVariants("+442079460123")).toEqual(["442079460123"]);
  });

  it("[PERIOD]: record times become UTC ISO-8601 from text, dates and epochs", () => {
    expect(toIsoTime("2026-03-02 10:15:00.000")).toBe("2026-03-02T10:15:00.000Z");
    expect(toIsoTime("2026-03-02 10:15:00")).toBe("2026-03-02T10:15:00.000Z");
    expect(toIsoTime("2026-03-02T10:15:00.5")).toBe("2026-03-02T10:15:00.500Z");
    expect(toIsoTime("2026-03-02")).toBe("2026-03-02T00:00:00.000Z");
    expect(toIsoTime("2026-03-02T12:15:00+02:00")).toBe("2026-03-02T10:15:00.000Z");
    expect(toIsoTime(1772446500000, "epoch_ms")).toBe("2026-03-02T10:15:00.000Z");
    expect(toIsoTime(1772446500, "epoch_s")).toBe("2026-03-02T10:15:00.000Z");
    expect(toIsoTime("yesterday")).toBeNull();
    expect(toIsoTime(null)).toBeNull();
    // The by-position fast path for "YYYY-MM-DD HH:MM:SS.mmm" takes only that shape.
    expect(toIsoTime("2026-03-02T10:15:00.123")).toBe("2026-03-02T10:15:00.123Z");
    expect(toIsoTime("2026-03-02 10:15:0a.123")).toBeNull();
    expect(toIsoTime("2026-03-02 10:15:00.12 ")).toBe("2026-03-02T10:15:00.120Z");
    // The answer kept for the last text is that text's, also when the same text comes again.
    expect(toIsoTime("2026-03-02 10:15:00.000")).toBe("2026-03-02T10:15:00.000Z");
    expect(toIsoTime("2026-03-02 10:15:00.000")).toBe("2026-03-02T10:15:00.000Z");
    expect(toIsoTime("2026-03-02 10:15:00.000", "epoch_ms")).toBeNull();
  });

  it("[CONNECTOR]: JSON pointers (RFC 6901) and JSON scalars", () => {
    const doc = { data: [{ id: 1, "a/b": { "m~n": true } }] };
    expect(readJsonPointer(doc, "/data/0/id")).toBe(1);
    expect(readJsonPointer(doc, "/data/0/a~1b/m~0n")).toBe(true);
    expect(readJsonPointer(doc, "/data/1/id")).toBeUndefined();
    expect(readJsonPointer(doc, "")).toBe(doc);
    expect(toScalar(new Date("2026-03-02T10:15:00Z"))).toBe("2026-03-02T10:15:00.000Z");
    expect(toScalar(2n ** 60n)).toBe("1152921504606846976");
    expect(toScalar(Buffer.from("hi"))).toBe("aGk=");
    expect(toScalar({ a: 1 })).toBe('{"a":1}');
  });

  it("[X21]: a file or API row must hold the person's identifier and not belong to someone else", () => {
    const dataset = {
      id: "d", label: { en: "d", es: "d" }, timeField: "at", primaryKey: null, file: { path: "x.csv", format: "csv" },
      lookups: [{ column: "email", identifier: "email" }], owners: [{ column: "user_id", identifier: "user_id" }], fields: {},
    } as unknown as Dataset;
    const known = new Map([["email", new Set(["ana@example.test"])], ["user_id", new Set(["u-1"])]]);
    const request = { lookup: known, known, window: { start: "2025-11-01", endExclusive: "2026-11-02" }, columns: "all" as const };
    expect(matchRow(dataset, { email: "ANA@example.test", user_id: "u-1", at: "2026-01-01" }, request)).toBe(true);
    expect(matchRow(dataset, { email: "ana@example.test", user_id: "u-2", at: "2026-01-01" }, request)).toBe(false);
    expect(matchRow(dataset, { email: "bob@example.test", user_id: null, at: "2026-01-01" }, request)).toBe(false);
    expect(matchRow(dataset, { email: "ana@example.test", user_id: null, at: "2024-01-01" }, request)).toBe(false);
    expect(matchRow(dataset, { email: "ana@example.test", user_id: null, at: null }, request)).toBe(true);
    expect(matchRow(dataset, { email: null, user_id: null, at: "2026-01-01" }, request, true)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { compileSpoolSerializer } from "../../../server/collection/compile-spool-serializer";
import type { Dataset } from "../../../server/datamap/dataset-schema";
import type { Source } from "../../../server/datamap/datamap-schema";

// The record line is written without JSON.stringify where its answer is known (issue 14 item 4);
// readers copy its bytes into the JSON disclosure (ADR 021), so it must stay exactly that text.
describe("compileSpoolSerializer", () => {
  const dataset = {
    id: "notes",
    label: { en: "Notes" },
    table: "notes",
    primaryKey: "id",
    timeField: "at",
    fields: {
      id: { internal: true, reason: "row number" },
      text: { label: { en: "Text" }, categories: ["K"] },
      amount: { label: { en: "Amount" }, categories: ["D"] },
      at: { label: { en: "Time" }, categories: ["F"], format: "instant" },
    },
  } as unknown as Dataset;
  const source = { id: "app", kind: "sql" } as unknown as Source;

  const texts = [
    "plain",
    "",
    'a "quoted" word',
    "back\\slash",
    "line\nbreak\ttab\r\b\f",
    "\u0000\u001f control",
    "\u007f delete is not escaped",
    "emoji \ud83d\ude00 pair",
    "lone \ud800 high",
    "lone \udc00 low",
    "U+2028 \u2028 and U+2029 \u2029",
    "Núñez, 東京, Ωmega",
    "</script>",
    `long ${"abc ".repeat(2_000)}`,
    `long with an accent at the end ${"z".repeat(3_000)}é`,
  ];
  const amounts = [0, -0, 1.5, -1234.5, 1e21, 1e-7, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, NaN, Infinity, "12345678901234567.89", true, null, -7, 2 ** 31 - 1, -(2 ** 31) + 1, 2 ** 31, -(2 ** 31), 10, 1_000_000, false];

  it("[COLLECTION]: writes every value, key and time as JSON.stringify does, escapes and odd numbers included", () => {
    const { serialize } = compileSpoolSerializer(source, dataset, 3);
    for (const [i, text] of [...texts, ...texts, ...texts].entries()) {
      const amount = amounts[i % amounts.length]!;
      // Keys as drivers give them: text, and numbers (written as the text of the number).
      const key = i % 3 === 0 ? `k"${text}` : i % 3 === 1 ? String(i) : [i, -i, 2 ** 31 + i, 1.5 * i, -(2 ** 40)][i % 5]!;
      const line = serialize({ key, at: undefined, cells: [i, text, amount, "2026-03-02 10:15:00.5"] });
      const expected = `${JSON.stringify([3, String(key), "2026-03-02T10:15:00.500Z", [text, typeof amount === "number" && !Number.isFinite(amount) ? null : amount, "2026-03-02T10:15:00.500Z"]])}\n`;
      expect(line).toBe(expected);
    }
  });

  it("[COLLECTION]: a row's time the connector already read (CellRow.at) is its recordedAt, not parsed again", () => {
    const { serialize, tally } = compileSpoolSerializer(source, dataset, 0, "2026-01-01T00:00:00.000Z");
    expect(serialize({ key: "1", at: "2025-12-31T23:00:00.000Z", cells: [1, "x", 1, "2025-12-31 23:00:00"] })).toBe(
      `[0,"1","2025-12-31T23:00:00.000Z",["x",1,"2025-12-31T23:00:00.000Z"]]\n`,
    );
    expect(serialize({ key: "2", at: null, cells: [2, "y", 2, null] })).toBe(`[0,"2",null,["y",2,null]]\n`);
    // A time that is no time is the record's undated, and its field keeps the text as held.
    expect(serialize({ key: "3", at: null, cells: [3, "z", 3, "soon"] })).toBe(`[0,"3",null,["z",3,"soon"]]\n`);
    expect(serialize({ key: "4", at: undefined, cells: [4, "w", 4, "2026-03-02 10:15:00"] })).toBe(`[0,"4","2026-03-02T10:15:00.000Z",["w",4,"2026-03-02T10:15:00.000Z"]]\n`);
    expect(tally).toMatchObject({ records: 4, undated: 2, earlier: 1 });
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { streamDatasetCsv } from "../../../server/reports/bundle/stream-dataset-csv";
import type { SpilledDataset } from "../../../server/reports/bundle/spill-dataset-rows";

// Issue 14, a foreign schema: a value a person (or someone writing about them) typed can start
// like a spreadsheet formula. The consumer opens the bundle's CSV in a spreadsheet program, which
// would run `=HYPERLINK(...)` as a live link (CSV injection, X23): such a text cell starts with an
// apostrophe, which spreadsheets read as "text follows". Numbers, and text that is a plain number
// (a phone's "+1", a debt "-12.50"), are not formulas and stay as they are.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-csv-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function csvOf(values: unknown[]): Promise<string[][]> {
  const rowsPath = path.join(dir, `rows-${values.length}.ndjson`);
  fs.writeFileSync(rowsPath, values.map((v, i) => JSON.stringify([i + 1, null, { "t.v": v }])).join("\n") + "\n");
  const dataset: SpilledDataset = {
    sourceId: "s",
    datasetId: "t",
    label: { en: "T", es: "T" },
    fields: [{ fieldId: "t.v", label: { en: "Value", es: "Valor" }, categories: ["D"], sensitive: false, neverDisclose: false }],
    rowsPath,
    records: values.length,
  };
  const chunks: Buffer[] = [];
  for await (const chunk of streamDatasetCsv(dataset, "en")) chunks.push(Buffer.from(chunk as string));
  return parseCsv(Buffer.concat(chunks).subarray(3)) as string[][];
}

describe("the bundle's CSV cells", () => {
  it("[DISCLOSURE]: text that a spreadsheet would run as a formula starts with an apostrophe; numbers and plain numeric text do not", async () => {
    const values = ['=HYPERLINK("http://evil.example","Click me")', "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "\t=1", "\r=1", -5, "-12.50", "+48601234567", "</script>", "a=b"];
    const rows = await csvOf(values);
    expect(rows.slice(1).map((r) => r[2])).toEqual([
      `'=HYPERLINK("http://evil.example","Click me")`,
      "'@SUM(A1)",
      "'+cmd|' /C calc'!A0",
      "'-2+3",
      "'\t=1",
      "'\r=1",
      "-5",
      "-12.50",
      "+48601234567",
      "</script>",
      "a=b",
    ]);
  });
});

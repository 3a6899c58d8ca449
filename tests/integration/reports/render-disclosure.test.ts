import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { encodeSpoolLines } from "../../../server/collection/encode-spool-lines";
import { renderDisclosure } from "../../../server/reports/render-disclosure";
import { inputFor, janeRecords, summaryFor, tempDir, writeSpool } from "./fixtures";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const records = janeRecords(400);

describe("renderDisclosure", () => {
  it("[OPS]: a PDF output that fails mid-way rejects the render cleanly", async () => {
    let written = 0;
    const failing = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        callback(written > 100_000 ? new Error("ENOSPC") : null);
      },
    });
    const spoolPath = writeSpool(dir, records, "fail.ndjson");
    const json = path.join(dir, "fail.json");
    await expect(renderDisclosure({ input: inputFor(summaryFor(records)), spoolPath, publicUrl: "https://portal.parlay.example", json, pdf: failing })).rejects.toThrow();
    expect(fs.existsSync(json)).toBe(true);
  });

  it("[OPS]: a corrupt spool fails before anything is written, naming no data", async () => {
    const spoolPath = path.join(dir, "corrupt.ndjson");
    fs.writeFileSync(spoolPath, `${[...encodeSpoolLines(records.slice(0, 1))].join("")}{"name":"Jane Q. Consumer"\n`);
    const json = path.join(dir, "corrupt.json");
    const pdf = path.join(dir, "corrupt.pdf");
    const error = await renderDisclosure({ input: inputFor(summaryFor(records)), spoolPath, publicUrl: "https://portal.parlay.example", json, pdf }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^spool: the line at byte \d+ is not valid JSON$/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("corrupt."))).toEqual(["corrupt.ndjson"]);
  });

  it("[OPS]: a categories-only disclosure needs no spool", async () => {
    const result = await renderDisclosure({
      input: inputFor(summaryFor(records), { type: "categories" }),
      publicUrl: "https://portal.parlay.example",
      json: path.join(dir, "cat.json"),
      pdf: path.join(dir, "cat.pdf"),
    });
    expect(result).toMatchObject({ contents: "categories", records: 0 });
    expect(result.pdfPages).toBeGreaterThanOrEqual(3);
  });
});

import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { encodeSpoolLines } from "../../../server/collection/encode-spool-lines";
import { buildDisclosureModel } from "../../../server/reports/build-disclosure-model";
import { openSpoolFile } from "../../../server/reports/open-spool-file";
import { planSpecificPieces } from "../../../server/reports/plan-specific-pieces";
import { readCategoryPieces } from "../../../server/reports/read-category-pieces";
import { renderDisclosure } from "../../../server/reports/render-disclosure";
import { renderDisclosureJson } from "../../../server/reports/render-disclosure-json";
import type { SpoolSource } from "../../../server/reports/spool-source";
import { inputFor, janeRecords, summaryFor, tempDir, writeSpool } from "./fixtures";
import { TEST_SPOOL_KEY, writeSealedSpool } from "../../support/spool-key";

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
    await expect(renderDisclosure({ input: inputFor(summaryFor(records)), spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example", json, pdf: failing })).rejects.toThrow();
    expect(fs.existsSync(json)).toBe(true);
  });

  it("[OPS]: a corrupt spool fails before anything is written, naming no data", async () => {
    const spoolPath = path.join(dir, "corrupt.ndjson");
    writeSealedSpool(spoolPath, `${[...encodeSpoolLines(records.slice(0, 1))].join("")}{"name":"Jane Q. Consumer"\n`);
    const json = path.join(dir, "corrupt.json");
    const pdf = path.join(dir, "corrupt.pdf");
    const error = await renderDisclosure({ input: inputFor(summaryFor(records)), spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example", json, pdf }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^spool: the line at byte \d+ is not valid JSON$/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith("corrupt."))).toEqual(["corrupt.ndjson"]);
  });

  it("[OPS]: the JSON reads each dataset once for all its categories, lists what a read per category gives, and leaves no scratch files", async () => {
    const work = fs.mkdtempSync(path.join(dir, "once-"));
    const spool = openSpoolFile(writeSpool(work, records, "once.ndjson"), TEST_SPOOL_KEY);
    let reads = 0;
    const source: SpoolSource = { scan: () => spool.scan(), read: (slices) => ((reads += 1), spool.read(slices)) };
    const plan = await planSpecificPieces(source, { language: "en", sourceLabels: new Map([["app", "Parlay app"], ["billing", "Billing system"]]) });
    const model = buildDisclosureModel(inputFor(summaryFor(records)), new Set(plan.categories.map((c) => c.code)));
    const chunks: Buffer[] = [];
    for await (const chunk of renderDisclosureJson(model, { schemaUrl: "https://portal.parlay.example/schemas/disclosure-v1.json", pieces: { plan, source, scratchDir: work } })) {
      chunks.push(chunk);
    }
    const groups = plan.categories.flatMap((c) => c.datasets);
    const datasets = new Set(groups.map((g) => `${g.sourceId}/${g.datasetId}`));
    expect(groups.length).toBeGreaterThan(datasets.size);
    expect(reads).toBe(datasets.size);
    const document = JSON.parse(Buffer.concat(chunks).toString("utf8")) as any;
    for (const [ci, category] of plan.categories.entries()) {
      for (const [di, group] of category.datasets.entries()) {
        const expected = [];
        for await (const r of readCategoryPieces(spool, group, category.code)) {
          expected.push({ record: r.record, recordedAt: r.recordedAt, pieces: r.pieces.map((p) => ("withheld" in p ? { label: p.label, withheld: p.withheld } : { label: p.label, value: p.value })) });
        }
        expect(document.specificPieces.categories[ci].datasets[di].records).toEqual(expected);
      }
    }
    expect(fs.readdirSync(work)).toEqual(["once.ndjson"]);
  });

  it("[SECURITY]: a JSON output that fails mid-way rejects the render and leaves no scratch copy of the records", async () => {
    const work = fs.mkdtempSync(path.join(dir, "spill-fail-"));
    const many = janeRecords(3000);
    const spoolPath = writeSpool(work, many, "spool.ndjson");
    let written = 0;
    const failing = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        callback(written > 300_000 ? new Error("ENOSPC") : null);
      },
    });
    const render = renderDisclosure({ input: inputFor(summaryFor(many)), spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example", json: failing, pdf: path.join(work, "never.pdf") });
    await expect(render).rejects.toThrow("ENOSPC");
    expect(written).toBeGreaterThan(300_000);
    expect(fs.readdirSync(work)).toEqual(["spool.ndjson"]);
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

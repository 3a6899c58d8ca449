import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeSpoolLines } from "../../../server/collection/encode-spool-lines";
import { renderDisclosureInChild } from "../../../server/pipeline/render-disclosure-in-child";
import { inputFor, janeRecords, renderFixture, summaryFor, tempDir, writeSpool } from "../reports/fixtures";
import { TEST_SPOOL_KEY, writeSealedSpool } from "../../support/spool-key";

const dir = tempDir("rtk-render-child-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The render_disclosure job renders in a child process with a capped heap (ADR 015).
describe("rendering in a child process", () => {
  it("[OPS]: writes the same documents as rendering in-process, and reports the child's peak memory", async () => {
    const records = janeRecords(40);
    const input = inputFor(summaryFor(records));
    const inProcess = await renderFixture(dir, "here", records, input);
    const spoolPath = writeSpool(dir, records, "child.ndjson");
    const files = { json: path.join(dir, "child.json"), pdf: path.join(dir, "child.pdf") };
    const result = await renderDisclosureInChild({ input, spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example/", ...files });
    expect(result).toMatchObject({ jsonSha256: inProcess.result.jsonSha256, pdfPages: inProcess.result.pdfPages, records: inProcess.result.records });
    expect(fs.readFileSync(files.json)).toEqual(fs.readFileSync(inProcess.json));
    expect(fs.readFileSync(files.pdf)).toEqual(fs.readFileSync(inProcess.pdf));
    expect(result.peakRssKb).toBeGreaterThan(10_000);
  });

  it("[OPS]: a render that fails in the child fails the job with the child's message, naming no data", async () => {
    const spoolPath = path.join(dir, "corrupt.ndjson");
    writeSealedSpool(spoolPath, `${[...encodeSpoolLines(janeRecords(1).slice(0, 1))].join("")}{"name":"Jane Q. Consumer"\n`);
    const files = { json: path.join(dir, "corrupt.json"), pdf: path.join(dir, "corrupt.pdf") };
    const error = await renderDisclosureInChild({ input: inputFor(summaryFor(janeRecords(1))), spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example/", ...files }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^spool: the line at byte \d+ is not valid JSON$/);
    expect(fs.existsSync(files.json) || fs.existsSync(files.pdf)).toBe(false);
  });
});

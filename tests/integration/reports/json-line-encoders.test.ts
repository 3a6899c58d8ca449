import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SpoolDataset } from "../../../server/collection/collection-types.shared";
import { buildDisclosureModel } from "../../../server/reports/build-disclosure-model";
import { openSpoolFile } from "../../../server/reports/open-spool-file";
import { planSpecificPieces, type PiecesPlan } from "../../../server/reports/plan-specific-pieces";
import { readCategoryPieces } from "../../../server/reports/read-category-pieces";
import { renderDisclosureJson } from "../../../server/reports/render-disclosure-json";
import type { SpoolSource } from "../../../server/reports/spool-source";
import { activityRecord, FAKE_SSN, field, inputFor, record, summaryFor, tempDir, writeSpool } from "./fixtures";
import { readSealedSpool, TEST_SPOOL_KEY, writeSealedSpool } from "../../support/spool-key";

// ADR 021: the JSON's record lines are copied from the spool's own JSON text where it is already
// what JSON.stringify writes, and decoded and written again where it is not. Either way a record
// line must be, byte for byte, the JSON.stringify text of what the spool's decoded reader (the
// PDF's) gives for it, and a source that offers only decoded records must give the same file.

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const sourceLabels = new Map([["app", "Parlay app"], ["billing", "Billing system"]]);
const schemaUrl = "https://portal.parlay.example/schemas/disclosure-v1.json";
/** The same spool without readLines(): records reach the JSON decoded, as through a reviewer's withholdings. */
const decodedOnly = (source: SpoolSource): SpoolSource => ({ scan: () => source.scan(), read: (slices) => source.read(slices) });

async function render(source: SpoolSource, scratchDir = dir): Promise<{ plan: PiecesPlan; bytes: Buffer }> {
  const plan = await planSpecificPieces(source, { language: "en", sourceLabels });
  const model = buildDisclosureModel(inputFor(summaryFor([])), new Set(plan.categories.map((c) => c.code)));
  const chunks: Buffer[] = [];
  for await (const chunk of renderDisclosureJson(model, { schemaUrl, pieces: { plan, source, scratchDir } })) chunks.push(chunk);
  return { plan, bytes: Buffer.concat(chunks) };
}

/** Every category's record lines as the decoded reader sees the records, in document order. */
async function expectedLines(source: SpoolSource, plan: PiecesPlan): Promise<string[]> {
  const lines: string[] = [];
  for (const category of plan.categories) {
    for (const group of category.datasets) {
      for await (const r of readCategoryPieces(source, group, category.code)) {
        const pieces = r.pieces.map((p) => ("withheld" in p ? { label: p.label, withheld: p.withheld } : { label: p.label, value: p.value }));
        lines.push(JSON.stringify({ record: r.record, recordedAt: r.recordedAt, pieces }));
      }
    }
  }
  return lines;
}

function recordLines(bytes: Buffer): string[] {
  const prefix = '              {"record":';
  return bytes
    .toString("utf8")
    .split("\n")
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(14).replace(/,$/, ""));
}

const EVENTS: SpoolDataset = {
  ref: 0,
  sourceId: "app",
  datasetId: "events",
  label: { en: "Product activity", es: "Actividad en el producto" },
  fields: [
    { fieldId: "events.page", label: { en: 'Page "visited"', es: "Página visitada" }, categories: ["F"], sensitive: false, neverDisclose: false },
    { fieldId: "events.note", label: { en: "Note", es: "Nota" }, categories: ["F", "K"], sensitive: false, neverDisclose: false },
    { fieldId: "events.ip", label: { en: "IP address", es: "Dirección IP" }, categories: ["A"], sensitive: false, neverDisclose: false },
    { fieldId: "events.document", label: { en: "ID document", es: "Documento" }, categories: ["A", "L"], sensitive: true, neverDisclose: true },
  ],
};
/** The dataset again, with a field more, as encodeSpoolLines writes when a record brings one. */
const EVENTS_AGAIN: SpoolDataset = { ...EVENTS, ref: 1, fields: [...EVENTS.fields, { fieldId: "events.score", label: { en: "Score", es: "Puntuación" }, categories: ["K"], sensitive: false, neverDisclose: false }] };

/** Record lines in every spelling JSON allows, not only JSON.stringify's (a spool is a file; it is not trusted to be canonical). */
const TRICKY_LINES = [
  '[0,"k1","2025-06-01T09:30:00.000Z",["https://app.example/inbox?q=1&x=%20","plain","203.0.113.1","passport"]]',
  String.raw`[0,"k2",null,["caf\u00e9 \/ \ud83d\ude00 \u00E9","\b\f\n\r\t\"\\ \u001b \ud800 lone","é ü 😀 ` + "\u2028" + String.raw` ¿Cómo?",null]]`,
  String.raw`[0,"k\"3","2025-06-0\u0031T00:00:00.000Z",[1.0,-0,1E5,null]]`,
  '[0,"k4","2025-06-02T00:00:00.000Z",[1e999,0.10,12345678901234567890,"ssn"]]',
  '[0,"k5","2025-06-03T00:00:00.000Z",[true,false,{"nested":[1,"two"]},null]]',
  ' [0, "k6", null, ["spaced", 2.5e-7, "x", null]] ',
  '[0,"k7",null,["crlf","v",-12.5e+3,"drivers_license"]]\r',
  '[0,"k8",null,[null,null,null,null]]',
  '[0,"k9",null,["",[],"",null]]',
  '[0,"k10",null,["\\u0041\\u0042","v","w",null]]',
];

function writeTrickySpool(name: string): string {
  const file = path.join(dir, name);
  const text = [JSON.stringify(EVENTS), ...TRICKY_LINES, JSON.stringify(EVENTS_AGAIN), '[1,"k11",null,["again","v","w","ssn",3]]', '[0,"k12",null,["old line","v","w",null]]'].join("\n");
  // Last, with no newline after it, a line with bytes that are not UTF-8 (read as U+FFFD, as the decoded reader reads them).
  writeSealedSpool(file, Buffer.concat([Buffer.from(`${text}\n[1,"k13",null,["bad `), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' bytes","v","w",null,null]]')]));
  return file;
}

describe("JSON record lines from the spool's bytes (ADR 021)", () => {
  it("[CONSUMER]: every record line is exactly what JSON.stringify gives for the decoded record, however the spool spells its values", async () => {
    const file = writeTrickySpool("tricky.ndjson");
    const source = openSpoolFile(file, TEST_SPOOL_KEY);
    const { plan, bytes } = await render(source);
    const expected = await expectedLines(source, plan);
    expect(expected.length).toBeGreaterThan(20);
    expect(isUtf8(bytes)).toBe(true);
    expect(recordLines(bytes)).toEqual(expected);
    // Spot checks of what a reader of the file sees.
    const document = JSON.parse(bytes.toString("utf8")) as any;
    const k = document.specificPieces.categories.find((c: any) => c.code === "K").datasets[0].records;
    expect(k.map((r: any) => r.pieces.map((p: any) => p.value))).toEqual([["plain"], ["\b\f\n\r\t\"\\ \u001b \ud800 lone"], [0], [0.1], [false], [2.5e-7], ["v"], ["[]"], ["v"], ["v", 3], ["v"], ["v"]]);
    const l = document.specificPieces.categories.find((c: any) => c.code === "L").datasets[0].records;
    expect(l.map((r: any) => [r.record, r.pieces])).toEqual([
      [1, [{ label: "ID document", withheld: "passport" }]],
      [4, [{ label: "ID document", withheld: "ssn" }]],
      [7, [{ label: "ID document", withheld: "drivers_license" }]],
      [11, [{ label: "ID document", withheld: "ssn" }]],
    ]);
  });

  it("[OPS]: a source that offers only decoded records (a reviewer's withholdings) gives the same bytes", async () => {
    const file = writeTrickySpool("same.ndjson");
    const lines = await render(openSpoolFile(file, TEST_SPOOL_KEY));
    const decoded = await render(decodedOnly(openSpoolFile(file, TEST_SPOOL_KEY)));
    expect(decoded.bytes.equals(lines.bytes)).toBe(true);
  });

  it("[OPS]: lines cut by the reader's buffers, and a value longer than a buffer, come out whole", async () => {
    const long = activityRecord(1);
    long.fields[0]!.value = `https://parlay.example/${"a".repeat(700_000)}`;
    const records = [...Array.from({ length: 3000 }, (_, i) => activityRecord(i)), long, ...Array.from({ length: 3000 }, (_, i) => activityRecord(3000 + i))];
    records.push(record("app", "notes", { en: "Notes", es: "Notas" }, "n1", null, [field("notes.text", { en: "Note", es: "Nota" }, ["K"], "ñ".repeat(300_000))]));
    const file = writeSpool(dir, records, "long.ndjson");
    expect(fs.statSync(file).size).toBeGreaterThan(2 * 512 * 1024);
    const source = openSpoolFile(file, TEST_SPOOL_KEY);
    const { plan, bytes } = await render(source);
    const lines = recordLines(bytes);
    expect(lines).toEqual(await expectedLines(source, plan));
    expect(lines.length).toBe(2 * 6001 + 1);
  });

  it("[SECURITY]: a file source writes no scratch copy of the records, even for a dataset in several categories", async () => {
    const source = openSpoolFile(writeTrickySpool("no-spill.ndjson"), TEST_SPOOL_KEY);
    // A scratch folder that cannot be made: a spill would fail the render.
    const { plan, bytes } = await render(source, path.join(dir, "missing", "folder"));
    expect(plan.categories.filter((c) => c.datasets.some((g) => g.datasetId === "events")).length).toBeGreaterThan(1);
    expect(recordLines(bytes).length).toBeGreaterThan(20);
  });

  it("[SECURITY]: a value in a never-disclose field, or a line changed after planning, stops the render and names no data", async () => {
    const leaking = path.join(dir, "leaking.ndjson");
    writeSealedSpool(leaking, `${JSON.stringify(EVENTS)}\n[0,"k1",null,["page","note","203.0.113.1","${FAKE_SSN}"]]\n`);
    for (const source of [openSpoolFile(leaking, TEST_SPOOL_KEY), decodedOnly(openSpoolFile(leaking, TEST_SPOOL_KEY))]) {
      const error = await render(source).catch((e: Error) => e);
      expect((error as Error).message).toBe("spool: a withheld field has an unknown never-disclose type");
      expect((error as Error).message).not.toContain(FAKE_SSN);
    }

    // Planned from a good spool, then the file changes under the renderer (same length).
    const changed = writeTrickySpool("changed.ndjson");
    const source = openSpoolFile(changed, TEST_SPOOL_KEY);
    const plan = await planSpecificPieces(source, { language: "en", sourceLabels });
    const text = readSealedSpool(changed).toString("latin1");
    writeSealedSpool(changed, Buffer.from(text.replace('"plain","203.0.113.1"', '"plain" "203.0.113.1"'), "latin1"));
    const model = buildDisclosureModel(inputFor(summaryFor([])), new Set(plan.categories.map((c) => c.code)));
    const rendering = (async () => {
      for await (const _ of renderDisclosureJson(model, { schemaUrl, pieces: { plan, source, scratchDir: dir } }));
    })();
    await expect(rendering).rejects.toThrow(/^spool: the line at byte \d+ is not valid JSON$/);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeSpoolLine } from "../../../server/collection/decode-spool-line";
import type { SpoolDataset } from "../../../server/collection/collection-types.shared";
import { pieceSlots } from "../../../server/review/build-review-index";
import { searchDisclosure } from "../../../server/review/search-disclosure";
import { valueContains } from "../../../server/review/withheld-by-review";
import { TEST_SPOOL_KEY, writeSealedSpool } from "../../support/spool-key";

const field = (fieldId: string, neverDisclose = false) => ({ fieldId, label: { en: fieldId, es: fieldId }, categories: ["A" as const], sensitive: false, neverDisclose });
const messages = { ref: 0, sourceId: "crm", datasetId: "messages", label: { en: "Messages", es: "Mensajes" }, fields: [field("subject"), field("body"), field("ssn", true)] };
const visits = { ref: 1, sourceId: "web", datasetId: "visits", label: { en: "Visits", es: "Visitas" }, fields: [field("url"), field("count")] };
// A second dataset line for the same dataset (records are numbered across both).
const messagesAgain = { ...messages, ref: 2 };

/**
 * Values a one-pass search over the raw text could miss: escaped quotes and newlines, text outside
 * ASCII, a lower case that changes length, a \u escape another writer might choose, numbers, an
 * all-null record (no piece: not counted), never-disclose slots (never searched).
 */
const lines = [
  JSON.stringify(messages),
  JSON.stringify(visits),
  JSON.stringify([0, "m1", null, ["Hello Ana", 'She said "Priya Raman" twice\nthen left', "ssn"]]),
  JSON.stringify([1, "v1", "2026-01-01T00:00:00.000Z", ["https://example.com/priya", 42]]),
  JSON.stringify([0, "m2", null, [null, null, null]]),
  JSON.stringify([0, "m3", null, ["İstanbul office", "José Núñez called about PRIYA", null]]),
  JSON.stringify(messagesAgain),
  '[2,"m4",null,["Caf\\u00e9 visit","\\u0050riya at the caf\\u00e9",null]]',
  JSON.stringify([1, "v2", null, ["https://example.com/ssn", 4242]]),
  JSON.stringify([2, "m5", null, ["K\u212Aelvin", "ssn mentioned in text", "ssn"]]),
  JSON.stringify({ tally: {} }),
];

/** What the search must find: every record decoded, every value compared as withholding by match compares. */
function expected(text: string, dataset?: string) {
  const datasets = new Map<number, SpoolDataset>();
  const ordinals = new Map<string, number>();
  const hits: { dataset: string; ordinal: number; recordKey: string; slots: number[] }[] = [];
  let offset = 0;
  for (const line of lines) {
    const record = decodeSpoolLine(line, offset, datasets);
    offset += Buffer.byteLength(line) + 1;
    if (!record || pieceSlots(record).length === 0) continue;
    const key = `${record.dataset.sourceId}/${record.dataset.datasetId}`;
    const ordinal = ordinals.get(key) ?? 0;
    ordinals.set(key, ordinal + 1);
    if (dataset && key !== dataset) continue;
    const slots = pieceSlots(record).filter((slot) => !record.dataset.fields[slot]!.neverDisclose && valueContains(record.values[slot], text));
    if (slots.length > 0) hits.push({ dataset: key, ordinal, recordKey: record.recordKey, slots });
  }
  return hits;
}

describe("searchDisclosure", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-search-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = { spool: path.join(dir, "spool.ndjson"), summary: path.join(dir, "spool.ndjson.summary.json"), key: TEST_SPOOL_KEY };
  writeSealedSpool(files.spool, `${lines.join("\n")}\n`);

  it.each(["priya", "PRIYA RAMAN", 'said "priya', "twice\nthen", "café", "NÚÑEZ", "istanbul", "i̇stanbul", "kelvin", "4242", "ssn", "null", "m1", "example.com/", "hello ana"])(
    "[OPS]: finds exactly the records whose values contain %j, numbered within their dataset (issue 17)",
    async (text) => {
      const found = await searchDisclosure(files, { text, skip: 0, take: 100 });
      const want = expected(text.toLowerCase());
      expect(found.hits.map((h) => ({ dataset: h.dataset, ordinal: h.ordinal, recordKey: h.record.recordKey, slots: h.slots }))).toEqual(want);
      expect(found.records).toBe(want.length);
      expect(found.values).toBe(want.reduce((n, h) => n + h.slots.length, 0));
    },
  );

  it("[OPS]: limits to one dataset, keeps its numbering, and pages with skip and take", async () => {
    const found = await searchDisclosure(files, { text: "a", dataset: "crm/messages", skip: 1, take: 1 });
    const want = expected("a", "crm/messages");
    expect(found.records).toBe(want.length);
    expect(found.hits.map((h) => [h.record.recordKey, h.ordinal])).toEqual(want.slice(1, 2).map((h) => [h.recordKey, h.ordinal]));
  });
});

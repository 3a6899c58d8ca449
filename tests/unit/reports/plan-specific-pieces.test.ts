import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeSpoolLines } from "../../../server/collection/encode-spool-lines";
import { readSpoolTally } from "../../../server/collection/read-spool-tally";
import { openSpoolFile } from "../../../server/reports/open-spool-file";
import { planSpecificPieces } from "../../../server/reports/plan-specific-pieces";
import type { SpoolSource } from "../../../server/reports/spool-source";
import { readCategoryPieces, readDatasetPieces, type PieceRecord } from "../../../server/reports/read-category-pieces";
import { activityRecord, FAKE_SSN, janeRecords, tempDir, writeSpool, writeSpoolWithTally } from "../../integration/reports/fixtures";
import { readSealedSpool, TEST_SPOOL_KEY, writeSealedSpool } from "../../support/spool-key";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const labels = new Map([["app", "Parlay app"], ["billing", "Billing system"]]);

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("planSpecificPieces and readCategoryPieces", () => {
  it("[CONSUMER]: groups pieces by category, then dataset, each record with only that category's pieces", async () => {
    const source = openSpoolFile(writeSpool(dir, janeRecords(3), "jane.ndjson"), TEST_SPOOL_KEY);
    const plan = await planSpecificPieces(source, { language: "en", sourceLabels: labels });
    expect(plan.categories.map((c) => c.code)).toEqual(["A", "B", "C", "D", "F", "G", "H", "L"]);
    const a = plan.categories[0]!;
    expect(a.datasets.map((d) => [d.source, d.dataset, d.records])).toEqual([["Parlay app", "Account profile", 1], ["Parlay app", "Product activity", 3]]);
    const activity = await collect(readCategoryPieces(source, a.datasets[1]!, "A"));
    expect(activity.map((r) => r.pieces.map((p) => p.label))).toEqual([["IP address"], ["IP address"], ["IP address"]]);
    const f = plan.categories.find((c) => c.code === "F")!;
    const pages = await collect(readCategoryPieces(source, f.datasets[0]!, "F"));
    // The same record keeps its number in every category.
    expect(pages.map((r) => r.record)).toEqual(activity.map((r) => r.record));
    expect(pages[0]!.pieces.map((p) => p.label)).toEqual(["Page visited", "Device"]);
  });

  it("[SECURITY]: a withheld field yields its type and never a value, even when the spool carries one (7024(d))", async () => {
    const source = openSpoolFile(writeSpool(dir, janeRecords(1), "withheld.ndjson"), TEST_SPOOL_KEY);
    const plan = await planSpecificPieces(source, { language: "en", sourceLabels: labels });
    const l = plan.categories.find((c) => c.code === "L")!;
    const records: PieceRecord[] = [];
    for (const group of l.datasets) records.push(...(await collect(readCategoryPieces(source, group, "L"))));
    const pieces = records.flatMap((r) => r.pieces);
    expect(pieces.filter((p) => "withheld" in p).map((p) => ("withheld" in p ? p.withheld : null))).toEqual(["ssn", "password", "card_number", "card_number"]);
    expect(JSON.stringify(records)).not.toContain(FAKE_SSN);
  });

  it("[CONSUMER]: records of one dataset spread through the spool form one group, in spool order", async () => {
    const records = [activityRecord(0), ...janeRecords(0).slice(0, 2), activityRecord(1), janeRecords(0)[3]!, activityRecord(2)];
    const source = openSpoolFile(writeSpool(dir, records, "interleaved.ndjson"), TEST_SPOOL_KEY);
    const plan = await planSpecificPieces(source, { language: "es", sourceLabels: new Map([["app", "Aplicación Parlay"]]) });
    const a = plan.categories.find((c) => c.code === "A")!;
    expect(a.datasets.map((d) => d.dataset)).toEqual(["Actividad en el producto", "Perfil de la cuenta"]);
    expect(a.datasets[0]!.slices).toHaveLength(3);
    const read = await collect(readCategoryPieces(source, a.datasets[0]!, "A"));
    expect(read.map((r) => [r.record, r.pieces[0]!.label, "value" in r.pieces[0]! ? r.pieces[0]!.value : null])).toEqual([
      [1, "Dirección IP", "203.0.113.0"],
      [2, "Dirección IP", "203.0.113.1"],
      [3, "Dirección IP", "203.0.113.2"],
    ]);
  });

  it("[CONSUMER]: one read of a dataset for several categories gives each the records and pieces a read of its own gives", async () => {
    const source = openSpoolFile(writeSpool(dir, janeRecords(4), "together.ndjson"), TEST_SPOOL_KEY);
    const plan = await planSpecificPieces(source, { language: "en", sourceLabels: labels });
    const profile = plan.categories.flatMap(({ code, datasets }) => datasets.filter((d) => d.datasetId === "users").map((group) => ({ group, code })));
    expect(profile.map((p) => p.code)).toEqual(["A", "B", "C", "L"]);
    const together = await collect(readDatasetPieces(source, profile));
    for (const [k, { group, code }] of profile.entries()) {
      const alone = await collect(readCategoryPieces(source, group, code));
      expect(alone.length).toBeGreaterThan(0);
      expect(together.filter((r) => r.pieces[k]!.length > 0).map((r) => ({ record: r.record, recordedAt: r.recordedAt, pieces: r.pieces[k] }))).toEqual(alone);
    }
  });

  it("[OPS]: a read that finds other record counts than the plan fails, for any of the categories read together", async () => {
    const source = openSpoolFile(writeSpool(dir, janeRecords(4), "changed.ndjson"), TEST_SPOOL_KEY);
    const plan = await planSpecificPieces(source, { language: "en", sourceLabels: labels });
    const activity = plan.categories.flatMap(({ code, datasets }) => datasets.filter((d) => d.datasetId === "events").map((group) => ({ group, code })));
    expect(activity.map((a) => a.code)).toEqual(["A", "F"]);
    await expect(collect(readDatasetPieces(source, activity))).resolves.toHaveLength(4);
    const stale = [activity[0]!, { ...activity[1]!, group: { ...activity[1]!.group, records: 5 } }];
    await expect(collect(readDatasetPieces(source, stale))).rejects.toThrow("spool: records changed while the disclosure was being rendered");
  });

  it("[OPS]: lines longer than a read chunk and a file without a final newline are read whole", async () => {
    const long = activityRecord(7);
    long.fields[1]!.value = "x".repeat(600_000);
    const file = writeSpool(dir, [activityRecord(6), long, activityRecord(8)], "long.ndjson");
    writeSealedSpool(file, readSealedSpool(file).toString("utf8").trimEnd());
    const source = openSpoolFile(file, TEST_SPOOL_KEY);
    const scanned = await collect(source.scan());
    expect(scanned.map((s) => s.record.recordKey)).toEqual(["ev-6", "ev-7", "ev-8"]);
    expect(scanned[2]!.end).toBe(readSealedSpool(file).length);
    const again = await collect(source.read([{ start: scanned[1]!.start, end: scanned[2]!.end }]));
    expect(again.map((r) => r.recordKey)).toEqual(["ev-7", "ev-8"]);
    expect(String(again[0]!.values[1])).toHaveLength(600_000);
  });

  it("[OPS]: the tally a spool ends with gives the plan a scan gives, and reads work without a scan", async () => {
    const spread = [activityRecord(0), ...janeRecords(0).slice(0, 2), activityRecord(1), janeRecords(0)[3]!, activityRecord(2)];
    const cases = [["jane", janeRecords(3), "en"], ["big", janeRecords(400), "en"], ["spread", spread, "es"], ["spanish", janeRecords(2), "es"], ["nothing", [], "en"]] as const;
    for (const [name, records, language] of cases) {
      const options = { language, sourceLabels: labels };
      const tallied = openSpoolFile(writeSpoolWithTally(dir, [...records], `${name}-tally.ndjson`), TEST_SPOOL_KEY);
      expect(await readSpoolTally(path.join(dir, `${name}-tally.ndjson`), TEST_SPOOL_KEY)).not.toBeNull();
      const plain = openSpoolFile(writeSpool(dir, [...records], `${name}-plain.ndjson`), TEST_SPOOL_KEY);
      // Only scan and read: the way a filtering source (review withholdings) is planned.
      const scanOnly: SpoolSource = { scan: () => plain.scan(), read: (slices) => plain.read(slices) };
      const fromTally = await planSpecificPieces(tallied, options);
      const fromScan = await planSpecificPieces(scanOnly, options);
      expect(fromTally).toEqual(fromScan);
      for (const category of fromTally.categories) {
        for (const group of category.datasets) {
          expect(await collect(readCategoryPieces(tallied, group, category.code))).toEqual(await collect(readCategoryPieces(scanOnly, group, category.code)));
        }
      }
    }
  });

  it("[OPS]: a spool without a whole tally line is planned by a scan; a tally longer than one tail read is found", async () => {
    const plain = writeSpool(dir, janeRecords(2), "no-tally.ndjson");
    expect(await readSpoolTally(plain, TEST_SPOOL_KEY)).toBeNull();
    const cut = writeSpoolWithTally(dir, janeRecords(2), "cut.ndjson");
    writeSealedSpool(cut, readSealedSpool(cut).toString("utf8").trimEnd());
    expect(await readSpoolTally(cut, TEST_SPOOL_KEY)).toBeNull();
    const options = { language: "en" as const, sourceLabels: labels };
    expect(await planSpecificPieces(openSpoolFile(cut, TEST_SPOOL_KEY), options)).toEqual(await planSpecificPieces(openSpoolFile(plain, TEST_SPOOL_KEY), options));
    // 300 datasets of one record each: a tally of about 100 KB.
    const many = Array.from({ length: 300 }, (_, i) => ({ ...activityRecord(i), datasetId: `events_${i}` }));
    const file = writeSpoolWithTally(dir, many, "many.ndjson");
    const tally = await readSpoolTally(file, TEST_SPOOL_KEY);
    expect(readSealedSpool(file).length - tally!.datasets.at(-1)!.slices[0]!.end).toBeGreaterThan(64 * 1024);
    expect(tally!.datasets).toHaveLength(300);
  });

  it("[SECURITY]: a corrupt spool line fails with its byte offset and none of its content", async () => {
    const file = path.join(dir, "corrupt.ndjson");
    writeSealedSpool(file, `${[...encodeSpoolLines([activityRecord(1)])].join("")}{"sourceId":"app","email":"jane@example.com"\n`);
    const error = await collect(openSpoolFile(file, TEST_SPOOL_KEY).scan()).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^spool: the line at byte \d+ is not valid JSON$/);
    expect((error as Error).message).not.toContain("jane");
  });
});

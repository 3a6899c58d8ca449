import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { Kysely } from "kysely";
import pino from "pino";
import { parse as parseYaml } from "yaml";
import type { DemoPerson } from "../../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { collectPersonData, type CollectPersonDataOptions } from "../../../server/collection/collect-person-data";
import type { CollectionSummary, ExpandedSpoolRecord, SpoolDataset, SpoolField } from "../../../server/collection/collection-types.shared";
import { decodeSpoolLine } from "../../../server/collection/decode-spool-line";
import { computePeriod, type PeriodKind } from "../../../server/collection/compute-period";
import { parseEnv } from "../../../server/env";
import { resolveDatamapPath } from "../../../server/datamap/resolve-datamap-path";
import { loadDatamap, type LoadedDatamap } from "../../../server/datamap/load-datamap";
import type { TestDatabase, TestDialect } from "../../support/dialects";
import { readSealedSpool, TEST_SPOOL_KEY } from "../../support/spool-key";

// The map the portal uses with nothing configured: the demo business.
const DEFAULT_DATAMAP_PATH = resolveDatamapPath(parseEnv({}));

/** The seeder's default anchor: every generated record ends before it; receipt on that day. */
export const RECEIVED_ON = "2026-11-01";
export const DEMO_MAP = path.resolve(DEFAULT_DATAMAP_PATH);

export interface CollectionRun {
  summary: CollectionSummary;
  /** The spool's records with their fields spelled out; a field with no value is left out. */
  records: ExpandedSpoolRecord[];
  spoolPath: string;
  spoolText: string;
  summaryText: string;
  logText: string;
}

export interface DemoSource {
  t: TestDatabase<DemoBusinessDb>;
  /** The connection variables the demo map names (DEMO_SOURCE_URL, DEMO_FILES_DIR). */
  env: Record<string, string>;
  datamap: LoadedDatamap;
  dir: string;
  /** Collects for verified identifiers into a fresh spool and reads everything back. */
  collect(identifiers: Record<string, string>, kind?: PeriodKind, options?: { datamap?: LoadedDatamap; db?: Kysely<any> }): Promise<CollectionRun>;
  cleanup(): Promise<void>;
}

/**
 * A throwaway demo business on the dialect (40 people: the 8 named ones and 32 generated), the
 * demo data map, and a private directory for spools. The source database is handed to collection
 * as an open handle: SQLite's test database lives in memory and cannot be reopened by URL.
 */
export async function createDemoSource(dialect: TestDialect, people = 40): Promise<DemoSource> {
  const t = await dialect.create<DemoBusinessDb>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-collect-"));
  // The demo's file store (camera stills, signatures) beside the spools (ADR 027).
  await seedDemoBusiness(t.db, { dialect: t.dialect, people, filesDir: path.join(dir, "files") });
  const env = { DEMO_SOURCE_URL: t.url, DEMO_FILES_DIR: path.join(dir, "files") };
  const datamap = await loadDatamap({ file: DEMO_MAP }, env);
  let n = 0;
  return {
    t,
    env,
    datamap,
    dir,
    collect(identifiers, kind = "since_2022", options = {}) {
      const spoolPath = path.join(dir, `run-${++n}.ndjson`);
      return collectRun({ datamap: options.datamap ?? datamap, env, spoolPath, identifiers, kind, handles: { parlay_app: { db: options.db ?? t.db, dialect: t.dialect } } });
    },
    async cleanup() {
      await t.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Collects for verified `identifiers` (a since-2022 request received on RECEIVED_ON unless `kind`
 * says otherwise) into `spoolPath`, with every log line captured, and reads everything back.
 */
export async function collectRun(options: {
  datamap: LoadedDatamap;
  env: Record<string, string>;
  spoolPath: string;
  identifiers: Record<string, string>;
  kind?: PeriodKind;
  handles?: CollectPersonDataOptions["handles"];
  sourcePools?: CollectPersonDataOptions["sourcePools"];
}): Promise<CollectionRun> {
  const { logger, text } = captureLogger();
  const { datamap, env, spoolPath, identifiers, kind = "since_2022", handles, sourcePools } = options;
  const summary = await collectPersonData({ datamap, identifiers, period: computePeriod({ receivedOn: RECEIVED_ON, kind }), spoolPath, spoolKey: TEST_SPOOL_KEY, env, logger, handles, sourcePools });
  return readRun(spoolPath, summary, text());
}

export function readRun(spoolPath: string, summary: CollectionSummary, logText = ""): CollectionRun {
  const spoolText = readSealedSpool(spoolPath).toString("utf8");
  const datasets = new Map<number, SpoolDataset>();
  const records: ExpandedSpoolRecord[] = [];
  for (const line of spoolText.split("\n")) {
    const record = decodeSpoolLine(line, 0, datasets);
    if (!record) continue;
    const { sourceId, datasetId, label } = record.dataset;
    const fields = record.dataset.fields.flatMap(({ neverDisclose, ...spec }, slot): SpoolField[] => {
      const value = record.values[slot] ?? null;
      if (value === null) return [];
      return [neverDisclose ? { ...spec, value: null, withheld: { type: value as NonNullable<SpoolField["withheld"]>["type"] } } : { ...spec, value }];
    });
    records.push({ sourceId, datasetId, datasetLabel: label, recordKey: record.recordKey, recordedAt: record.recordedAt, fields });
  }
  return { summary, records, spoolPath, spoolText, summaryText: fs.readFileSync(`${spoolPath}.summary.json`, "utf8"), logText };
}

/** A pino logger at the most verbose level writing into memory, to scan what would be logged. */
export function captureLogger(): { logger: pino.Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "trace" }, stream), text: () => chunks.join("") };
}

export const datasetsOf = (run: CollectionRun): Set<string> => new Set(run.records.map((r) => r.datasetId));
export const recordsOf = (run: CollectionRun, datasetId: string): ExpandedSpoolRecord[] => run.records.filter((r) => r.datasetId === datasetId);
export const fieldOf = (record: ExpandedSpoolRecord, fieldId: string) => record.fields.find((f) => f.fieldId === fieldId);
export const valueOf = (record: ExpandedSpoolRecord, fieldId: string) => fieldOf(record, fieldId)?.value;

/** The identifiers a verified requester brings: the e-mail they proved they control. */
export const byEmail = (person: DemoPerson): Record<string, string> => ({ email: person.email });

/** The demo map as a plain object, to derive broken or extended variants from in tests. */
export function demoMapObject(): any {
  return parseYaml(fs.readFileSync(DEMO_MAP, "utf8"));
}

/** Loads a variant of a map object; file sources with `dir` stay relative to the demo map's folder. */
export function loadMapObject(map: unknown, env: Record<string, string>): Promise<LoadedDatamap> {
  return loadDatamap({ text: JSON.stringify(map), baseDir: path.dirname(DEMO_MAP) }, env);
}

/** A bilingual label for test maps: the English text, and the same marked "(es)". */
export const testLabel = (en: string) => ({ en, es: `${en} (es)` });

/**
 * A map of one sql source "shop" (URL from env SHOP_URL) holding `datasets`, with the demo's
 * business block; identity is found by `email` in `identityDataset` (the first dataset by default).
 */
export function shopMapObject(datasets: object[], identityDataset = (datasets[0] as { id?: string } | undefined)?.id ?? "x"): object {
  return {
    version: 1,
    business: demoMapObject().business,
    identity: { source: "shop", dataset: identityDataset, fields: { email: "email" } },
    sources: [
      {
        id: "shop",
        kind: "sql",
        label: testLabel("Shop"),
        connection: { urlEnv: "SHOP_URL" },
        sourceCategories: ["consumer"],
        purposes: ["performing_services"],
        recipients: { businessPurpose: [], sold: [], shared: [] },
        datasets,
      },
    ],
  };
}

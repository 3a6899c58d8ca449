import fs from "node:fs/promises";
import type { Kysely } from "kysely";
import type { DialectName } from "../../db/client";
import { ConnectorError, type CellRow, type SafeRow, type SourceConnector } from "../connectors/connector-types";
import { datasetColumns } from "../connectors/dataset-columns";
import { normalizeIdentifier } from "../connectors/normalize-identifier";
import { fileStoreOf } from "../connectors/files/open-files-connector";
import { openConnector } from "../connectors/open-connector";
import type { SourcePools } from "../connectors/sql/keep-source-pools";
import type { SourceEnv } from "../datamap/cross-check-datamap";
import { formatIssuePath } from "../datamap/datamap-error";
import type { LoadedDatamap } from "../datamap/load-datamap";
import type { Logger } from "../lib/logger";
import { buildCollectionSummary, type TalliedDataset } from "./build-collection-summary";
import type { CollectionSummary } from "./collection-types.shared";
import { compileSpoolSerializer } from "./compile-spool-serializer";
import { periodWindow, type CollectionPeriod } from "./compute-period";
import { openSpoolWriter } from "./open-spool-writer";
import { compileFileFields } from "./resolve-file-fields";
import { resolveIdentityGraph, type IdentifierSets } from "./resolve-identity-graph";
import { tallySpoolPieces, type ByteRange, type SpoolTallyLine } from "./tally-spool-pieces";
import { trackSourceRuns } from "./track-source-runs";

export interface CollectPersonDataOptions {
  datamap: LoadedDatamap;
  /** Verified identifiers by type ("email", "phone", "customer_number"...); only verified ones. */
  identifiers: Readonly<Record<string, string | readonly string[] | undefined>>;
  period: CollectionPeriod;
  spoolPath: string;
  /** The key the spool is encrypted with (the reports' key, ADR 035). */
  spoolKey: Buffer;
  /** Where the connection variables the map names are read (process.env in production). */
  env: SourceEnv;
  logger: Logger;
  /** Already open source databases by source id; they are left open. */
  handles?: Readonly<Record<string, { db: Kysely<any>; dialect: DialectName }>>;
  /** A long-lived process's kept PostgreSQL and MySQL source pools (the worker's); they are left open. */
  sourcePools?: SourcePools;
  /** Called every PROGRESS_EVERY records and at the end of each dataset (counts only). */
  onProgress?: (progress: { sourceId: string; datasetId: string; records: number }) => void;
}

const PROGRESS_EVERY = 10_000;

/**
 * Gathers everything the business holds about one verified person (1798.110(a)(5); 11 CCR
 * 7024(h)-(i)): opens each source's connector, checks the map still matches the live source,
 * walks the identity graph from the verified identifiers, then streams every matching record in
 * the period into `spoolPath` (a dataset line, then its record lines) and writes `<spoolPath>.summary.json`.
 *
 * A source that cannot be opened, has drifted from the map, fails or times out is recorded in its
 * SourceRun and makes `complete` false (X22): the result must then not be released. Memory stays
 * flat: rows stream from the source to the file; only identifiers and counts are kept.
 */
export async function collectPersonData(options: CollectPersonDataOptions): Promise<CollectionSummary> {
  const { datamap, period, logger } = options;
  const sources = datamap.map.sources;
  const tracker = trackSourceRuns(sources, logger);
  const seeds = normalizeSeeds(datamap, options.identifiers);
  const connectors = new Map<string, SourceConnector>();
  const tallies: TalliedDataset[] = [];
  const writer = await openSpoolWriter(options.spoolPath, options.spoolKey);
  // Counted as records are written, so the renderers need not read the spool once more to count.
  const pieces = tallySpoolPieces();
  const datasetLines: ByteRange[] = [];
  logger.info({ sources: sources.length, identifierTypes: [...seeds.keys()], period: period.kind }, "collection started");
  try {
    for (const source of sources) {
      await tracker.time(source.id, async () => {
        const connector = await openConnector(source, { env: options.env, baseDir: datamap.baseDir, handles: options.handles, pools: options.sourcePools });
        connectors.set(source.id, connector);
        const drift = await connector.inspect();
        if (drift.length > 0) {
          // Map places and table/column names only; `rtk datamap check` shows the same list.
          logger.warn({ sourceId: source.id, drift: drift.slice(0, 20).map((d) => `${formatIssuePath(d.path)}: ${d.message}`) }, "data map does not match the source");
          throw new ConnectorError(drift.find((d) => d.code)?.code ?? "DATAMAP_DRIFT", `source ${source.id} does not match the data map`);
        }
      });
    }

    const window = periodWindow(period);
    const graph = await resolveIdentityGraph({ datamap, connectors, seeds, maxDepth: datamap.map.identity.maxDepth ?? 5, tracker, window });
    const counts = Object.fromEntries([...graph.known].map(([type, values]) => [type, values.size]));
    logger.info({ depth: graph.depth, truncated: graph.truncated, identifiers: counts }, "identity graph resolved");

    for (const source of sources) {
      const connector = connectors.get(source.id);
      if (source.kind === "files") continue;
      for (const dataset of source.datasets) {
        if (!connector || tracker.isFailed(source.id) || dataset.excluded) continue;
        const lookup = new Map<string, Set<string>>();
        for (const l of dataset.lookups ?? []) {
          const values = graph.known.get(l.identifier);
          if (values?.size) lookup.set(l.identifier, values);
        }
        if (lookup.size === 0) continue;
        const { header, line, encode, tally } = compileSpoolSerializer(source, dataset, tallies.length, window.start);
        // Storage keys become references to the stored files (ADR 027); a failed store gives "unavailable".
        const resolveFiles = compileFileFields(source.id, dataset, (id) => (tracker.isFailed(id) ? null : fileStoreOf(connectors.get(id))));
        const counter = pieces.line(line);
        tallies.push({ source, dataset, tally });
        await tracker.time(source.id, async () => {
          const headerStart = writer.position();
          await writer.write(header);
          datasetLines.push({ start: headerStart, end: writer.position() });
          let reported = 0;
          const request = { lookup, known: graph.known, window };
          // SQL rows come as cells, in the map's field order; other connectors' rows are put so.
          const batches = connector.fetchCells ? connector.fetchCells(dataset, request) : cellsOf(connector.fetch(dataset, { ...request, columns: "all" }), datasetColumns(dataset, "all"));
          for await (const rows of batches) {
            for (const row of rows) {
              if (resolveFiles) await resolveFiles(row);
              const start = writer.position();
              // Encoded straight into the writer's buffer: no string per line (ADR 050).
              encode(row, writer.bytes, counter);
              counter.end(start, writer.position());
              const wait = writer.wrote();
              if (wait) await wait;
            }
            if (tally.records - reported >= PROGRESS_EVERY) {
              reported = tally.records;
              options.onProgress?.({ sourceId: source.id, datasetId: dataset.id, records: tally.records });
            }
          }
        });
        // A disk error is not the source's fault: it fails the whole collection (the job retries).
        const diskError = writer.error();
        if (diskError) throw diskError;
        tracker.addRecords(source.id, tally.records);
        options.onProgress?.({ sourceId: source.id, datasetId: dataset.id, records: tally.records });
      }
    }
    const last: SpoolTallyLine = { tally: pieces.result(datasetLines) };
    await writer.write(`${JSON.stringify(last)}\n`);
    await writer.close();
  } catch (error) {
    writer.destroy();
    throw error;
  } finally {
    for (const connector of connectors.values()) await connector.close().catch(() => {});
  }

  const summary = buildCollectionSummary({ datamap, period, runs: tracker.runs(), tallies });
  await fs.writeFile(`${options.spoolPath}.summary.json`, JSON.stringify(summary, null, 2), { mode: 0o600 });
  logger.info({ complete: summary.complete, records: summary.recordCount, undated: summary.undatedRecords, failed: summary.sources.filter((s) => s.status !== "ok").map((s) => s.sourceId) }, "collection finished");
  return summary;
}

async function* cellsOf(batches: AsyncIterable<SafeRow[]>, columns: readonly string[]): AsyncGenerator<CellRow[]> {
  for await (const rows of batches) yield rows.map((row) => ({ key: row.key, at: undefined, cells: columns.map((name) => row.values[name] ?? null) }));
}

/** Identifier types must be in the map's catalog: a typo ("customerNumber") would silently find nothing. */
function normalizeSeeds(datamap: LoadedDatamap, identifiers: CollectPersonDataOptions["identifiers"]): IdentifierSets {
  const seeds: IdentifierSets = new Map();
  for (const [type, raw] of Object.entries(identifiers)) {
    if (raw === undefined) continue;
    if (!datamap.catalog.identifiers.has(type)) throw new RangeError(`unknown identifier type "${type}"`);
    for (const value of typeof raw === "string" ? [raw] : raw) {
      const normalized = normalizeIdentifier(type, value);
      if (normalized !== null) (seeds.get(type) ?? seeds.set(type, new Set()).get(type)!).add(normalized);
    }
  }
  if (seeds.size === 0) throw new RangeError("at least one verified identifier is needed");
  return seeds;
}

// Collection throughput and memory for the heavy demo person (10,000 people, 100,000 extra events).
// Run: npm run bench -- collect [people] [heavyRecords]
//   (SQLite; MariaDB too with TEST_MYSQL_URL, PostgreSQL with TEST_POSTGRES_URL)
// For each dialect, in fresh child processes so one phase's memory never shows in another's peak:
//   1. seed the demo business into a throwaway database;
//   2. the floor: the driver alone (better-sqlite3 .raw().iterate(), mysql2 rowsAsArray stream, pg-cursor)
//      reading the SQL collection sends for the person (same lookups, period, owner guard);
//   3. collectPersonData for the person into an NDJSON spool (graph + categorize + write), with
//      the source pools a worker keeps between collections (ADR 064);
// then print both times (medians of 5 rounds after a warm-up, each round the floor then collect),
// the ratio (the median of the rounds' own ratios) and the measuring child's peak RSS.
// The children run this file compiled to JavaScript (esbuild, into .cache/bench/), as production
// runs compiled code (ADR 045): under tsx its loader's memory and CPU would be counted too (ADR 050).
// They run with --max-semi-space-size=32, as every production process that collects does (ADR 056).
// Targets (issue 14 item 4): collect <= 2x the floor in CPU and wall, peak RSS < 256 MB. Nothing is asserted.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Cursor from "pg-cursor";
import { openDb, rawDriverOf } from "../db/client";
import { demoPerson, HEAVY_PERSON_KEY } from "../db/demo-business/demo-people";
import { seedDemoBusiness } from "../db/demo-business/seed-demo-business";
import { collectPersonData } from "../server/collection/collect-person-data";
import { computePeriod, periodWindow } from "../server/collection/compute-period";
import { resolveIdentityGraph } from "../server/collection/resolve-identity-graph";
import { trackSourceRuns } from "../server/collection/track-source-runs";
import { openConnector } from "../server/connectors/open-connector";
import { buildDatasetQuery } from "../server/connectors/sql/build-dataset-query";
import { keepSourcePools } from "../server/connectors/sql/keep-source-pools";
import { databaseServerCpuMs } from "./support/database-server-cpu";
import { STREAM_CHUNK } from "../server/connectors/sql/stream-query-rows";
import { LOOKUP_BATCH_SIZE, planLookups } from "../server/connectors/sql/open-sql-connector";
import { readCaseInsensitiveColumns } from "../server/connectors/sql/read-sql-columns";
import type { SqlDataset } from "../server/datamap/dataset-schema";
import { loadDatamap } from "../server/datamap/load-datamap";
import { createLogger } from "../server/lib/logger";
import { sourceDialects } from "../tests/support/dialects";
import { TEST_SPOOL_KEY } from "../tests/support/spool-key";

const self = fileURLToPath(import.meta.url);
/** Measured rounds after the warm-up one. */
const ROUNDS = 5;
const [mode, url, ...rest] = process.argv.slice(2);

if (mode === "--seed") {
  const handle = openDb<any>(url!);
  const summary = await seedDemoBusiness(handle.db, { dialect: handle.dialect, people: Number(rest[0]), heavyPersonRecords: Number(rest[1]) });
  await handle.db.destroy();
  console.log(`  seeded ${summary.totalRows.toLocaleString("en-US")} rows in ${(summary.durationMs / 1000).toFixed(1)} s`);
} else if (mode === "--measure") {
  console.log(JSON.stringify(await measure(url!, rest[0]!, rest[1]!)));
} else {
  await orchestrate(Number(mode ?? 10_000), Number(url ?? 100_000));
}

async function orchestrate(people: number, heavy: number): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-collect-"));
  const targets: { name: string; url: string; cleanup: () => Promise<void> }[] = [{ name: "sqlite", url: `sqlite:${path.join(tmp, "demo.sqlite")}`, cleanup: async () => {} }];
  for (const dialect of sourceDialects().filter((d) => d.name !== "sqlite")) {
    const db = await dialect.create();
    targets.push({ name: dialect.name, url: db.url, cleanup: () => db.cleanup() });
  }
  const compiled = await compileSelf();
  // With the young generation production gives the processes that collect (npm start, worker and
  // rtk: --max-semi-space-size=32, ADR 020 and ADR 056); the floor runs in the same process.
  const child = (args: string[]) => spawnSync(process.execPath, ["--max-semi-space-size=32", compiled, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const map = path.resolve(path.dirname(self), "../server/datamap/demo/parlay.datamap.yaml");
  try {
    console.log(`load average ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
    for (const target of targets) {
      console.log(`${target.name}: ${people.toLocaleString("en-US")} people, heavy person +${heavy.toLocaleString("en-US")} events`);
      const seeded = child(["--seed", target.url, String(people), String(heavy)]);
      process.stdout.write(seeded.stdout);
      if (seeded.status !== 0) throw new Error(`seeding ${target.name} failed`);
      const measured = child(["--measure", target.url, tmp, map]);
      if (measured.status !== 0) throw new Error(`measuring ${target.name} failed`);
      const r = JSON.parse(measured.stdout.trim().split("\n").pop()!) as Awaited<ReturnType<typeof measure>>;
      console.log(`  floor   (driver alone, same SQL): ${r.floorRows.toLocaleString("en-US")} rows in ${r.floorMs.toFixed(0)} ms`);
      console.log(`  collect (graph+categorize+spool): ${r.records.toLocaleString("en-US")} records in ${r.collectMs.toFixed(0)} ms, spool ${(r.spoolBytes / 1e6).toFixed(0)} MB`);
      console.log(`  ratio ${r.wallRatio.toFixed(2)} (target <= 2), peak RSS ${(r.maxRssKb / 1024).toFixed(0)} MB (target < 256 MB)`);
      // CPU time of this process (the database server's is not in it): steadier than wall time on a busy machine.
      if (target.name === "sqlite") console.log(`  cpu: floor ${r.floorCpuMs.toFixed(0)} ms, collect ${r.collectCpuMs.toFixed(0)} ms, ratio ${r.cpuRatio.toFixed(2)}`);
      else {
        // The client's CPU alone leaves out most of the floor's work (the server finds and sends the rows).
        console.log(`  cpu, this process: floor ${r.floorCpuMs.toFixed(0)} ms, collect ${r.collectCpuMs.toFixed(0)} ms, ratio ${r.cpuRatio.toFixed(2)}`);
        console.log(`  cpu, with the database server's: floor ${(r.floorCpuMs + r.floorServerMs).toFixed(0)} ms, collect ${(r.collectCpuMs + r.collectServerMs).toFixed(0)} ms, ratio ${r.withServerRatio.toFixed(2)} (a quiet server: it counts every client)`);
      }
    }
  } finally {
    for (const target of targets) await target.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * This file bundled to JavaScript (packages stay imports of node_modules), next to node_modules so
 * they resolve: what the children run.
 */
async function compileSelf(): Promise<string> {
  const { build } = await import("esbuild");
  const outfile = path.resolve(path.dirname(self), "../.cache/bench/collect.mjs");
  await build({ entryPoints: [self], outfile, bundle: true, packages: "external", platform: "node", format: "esm", target: "node20", logLevel: "warning" });
  return outfile;
}

async function measure(sourceUrl: string, tmp: string, map: string) {
  // An empty file store: the heavy person's one visit's images are "not found" (ADR 027), no cost to speak of.
  const env = { DEMO_SOURCE_URL: sourceUrl, DEMO_FILES_DIR: path.join(tmp, "demo-files") };
  fs.mkdirSync(env.DEMO_FILES_DIR, { recursive: true });
  const datamap = await loadDatamap({ file: map }, env);
  const logger = createLogger("silent");
  const person = demoPerson(HEAVY_PERSON_KEY);
  const period = computePeriod({ receivedOn: "2026-11-01", kind: "since_2022" });
  const spoolPath = path.join(tmp, "heavy.ndjson");

  // The person's identifiers, as the collection finds them (not timed).
  const source = datamap.map.sources.find((s) => s.kind === "sql")!;
  const connector = await openConnector(source, { env, baseDir: datamap.baseDir });
  const graph = await resolveIdentityGraph({ datamap, connectors: new Map([[source.id, connector]]), seeds: new Map([["email", new Set([person.email])]]), maxDepth: 5, tracker: trackSourceRuns([source], logger), window: periodWindow(period) });
  await connector.close();

  const handle = openDb<any>(sourceUrl);
  const driver = rawDriverOf(handle.db)!;
  // The same SQL collection sends (lookups, period, owner guard, exclusions), compiled by Kysely
  // once, then read by the driver alone: rows as arrays, nothing done with them.
  const ci = await readCaseInsensitiveColumns(handle.db, handle.dialect);
  const request = { lookup: graph.known, known: graph.known, window: periodWindow(period), columns: "all" as const };
  const statements = (source.datasets as SqlDataset[]).filter((d) => !d.excluded).flatMap((dataset) => {
    const lookups = planLookups(dataset, request);
    return lookups.flatMap((lookup, i) => {
      const out = [];
      for (let s = 0; s < lookup.values.length; s += LOOKUP_BATCH_SIZE) {
        const batch = { ...lookup, values: lookup.values.slice(s, s + LOOKUP_BATCH_SIZE) };
        out.push(buildDatasetQuery(handle.db, dataset, request, { batch, exclude: lookups.slice(0, i), caseInsensitiveColumns: ci }).compile());
      }
      return out;
    });
  });
  const floor = async () => {
    let rows = 0;
    for (const { sql: text, parameters } of statements) {
      if (driver.kind === "sqlite") {
        for (const _row of driver.database.prepare(text).raw(true).iterate(...(parameters as unknown[]))) rows += 1;
      } else if (driver.kind === "mysql") {
        const pool = driver.pool;
        await new Promise<void>((resolve, reject) => {
          pool.query({ sql: text, values: parameters as unknown[], rowsAsArray: true }).stream().on("data", () => (rows += 1)).on("end", resolve).on("error", reject);
        });
      } else {
        // The same cursor reads collection makes (stream-query-rows.ts), with the same chunk size.
        const client = await driver.pool.connect();
        const cursor = client.query(new Cursor<unknown[]>(text, parameters as unknown[], { rowMode: "array" }));
        for (let got = await cursor.read(STREAM_CHUNK); got.length > 0; got = await cursor.read(STREAM_CHUNK)) rows += got.length;
        await cursor.close();
        client.release();
      }
    }
    return rows;
  };
  // With the source pools a worker keeps from one collection to the next (ADR 064); on SQLite
  // that is a file opened per collection, as the worker does.
  const sourcePools = keepSourcePools();
  const collect = () => collectPersonData({ datamap, identifiers: { email: person.email }, period, spoolPath, spoolKey: TEST_SPOOL_KEY, env, logger, sourcePools });
  // The database server's CPU for the same work (MariaDB, PostgreSQL): reading the rows is its
  // work as much as the driver's, on both sides.
  const serverCpu = () => (handle.dialect === "sqlite" ? 0 : databaseServerCpuMs(handle.dialect));
  const serverCpus: { floor: number[]; collect: number[] } = { floor: [], collect: [] };
  const time = async <T>(fn: () => Promise<T>, side?: keyof typeof serverCpus): Promise<[number, number, T]> => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const server = serverCpu();
    const result = await fn();
    const used = process.cpuUsage(cpu);
    if (side) serverCpus[side].push(serverCpu() - server);
    return [performance.now() - started, (used.user + used.system) / 1000, result];
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  await floor();
  await collect();
  const floors: number[] = [];
  const collects: number[] = [];
  const floorCpus: number[] = [];
  const collectCpus: number[] = [];
  let floorRows = 0;
  let records = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const [f, fCpu, rows] = await time(floor, "floor");
    const [c, cCpu, summary] = await time(collect, "collect");
    floors.push(f);
    collects.push(c);
    floorCpus.push(fCpu);
    collectCpus.push(cCpu);
    floorRows = rows;
    records = summary.recordCount;
  }
  await handle.db.destroy();
  await sourcePools.close();
  // The ratio of each round, floor and collect measured back to back, then their median: this
  // VM's speed moved by as much as 1.7x between processes and within one (floor CPU 250 -> 430 ms),
  // which a ratio of the separate medians took in whole whenever it fell between the two.
  const wallRatio = median(collects.map((c, i) => c / floors[i]!));
  const cpuRatio = median(collectCpus.map((c, i) => c / floorCpus[i]!));
  // With the server's CPU on both sides: what reading the rows costs the machine, and collecting them.
  const floorServerMs = median(serverCpus.floor);
  const collectServerMs = median(serverCpus.collect);
  const withServerRatio = median(collectCpus.map((c, i) => (c + serverCpus.collect[i]!) / (floorCpus[i]! + serverCpus.floor[i]!)));
  return { floorMs: median(floors), collectMs: median(collects), floorCpuMs: median(floorCpus), collectCpuMs: median(collectCpus), wallRatio, cpuRatio, floorServerMs, collectServerMs, withServerRatio, floorRows, records, spoolBytes: fs.statSync(spoolPath).size, maxRssKb: process.resourceUsage().maxRSS };
}

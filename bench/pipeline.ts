// End-to-end pipeline throughput: verified request -> collect -> render -> stored PDF, JSON, ZIP -> notice.
// Run: npm run bench -- pipeline [requestsPerRound] [--warm-only] [--mysql-only] [--baseline=<checkout>]
//      (SQLite always unless --mysql-only; MariaDB too with TEST_MYSQL_URL)
//   --warm-only      skip the fresh-render-process rounds (the path before ADR 047)
//   --baseline=DIR   run every round twice, alternating this checkout's workers with DIR's (another
//                    checkout of the project, e.g. `git archive main | tar -x -C DIR` plus a
//                    node_modules link): before and after measured in the same run, same load
//   --warm-up=N      before the clock starts, each round's workers deliver N requests per worker (default 30)
//                    (not counted; their CPU is printed apart): what a worker pays once (JIT,
//                    caches, its render process's first renders) is then not spread over the round
//   --count-statements  workers reach MariaDB through a relay in this process that counts their
//                    statements per request (by verb and table); it costs this process ~25 ms
//                    of CPU per request, which competes with the workers: off for throughput
//   --profile=DIR    workers and their render processes write V8 CPU profiles (--cpu-prof) to DIR,
//                    and the first floor measurement is profiled too (DIR/in-process-floor.cpuprofile)
//
// One run measures (issue 18 item 4):
//  1. the in-process floor: collect and render the same kind of people directly, in one process,
//     no queue, no database work, no render process: the least CPU a request can cost; measured
//     first and again after every round, on the same people, each time in a fresh process started
//     as a worker is (compiled code, production's node flags) that gets as many warm-up requests
//     as a worker does and then as many requests as a round: both sides equally warm (ADR 063).
//     Compared by its median: one measurement moved 74-128 ms with the load (ADR 057);
//  2. per portal database, for 1 and then 2 real worker processes (dist/server/worker.js, started as
//     `npm run worker` starts it; each checkout is built first if stale), a fresh
//     batch of verified categories requests for generated demo people, timed until every one is
//     delivered: requests/minute and CPU per request of the whole process tree (each worker and
//     every render process it started, the ones that already exited too), once with a fresh render
//     process per render (RENDER_PROCESS_RENDERS=1, the code path before ADR 047) and once with
//     the warm render processes (the default). A warm render process is replaced after
//     RENDER_PROCESS_RENDERS renders and a new one is slow at first: that cost, measured before the
//     clock starts, is added per request spread over that many renders (ADR 065).
// It prints the load average, and per round where the machine's CPU went (pipeline processes,
// the database server, everything else), so a second worker that gains little can be explained.
// Nothing is asserted (DESIGN.md §7).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import inspector from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { openDb } from "../db/client";
import type { DemoBusinessDb } from "../db/demo-business/schema";
import { seedDemoBusiness } from "../db/demo-business/seed-demo-business";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import { collectPersonData } from "../server/collection/collect-person-data";
import { computePeriod } from "../server/collection/compute-period";
import { fileStoreConfigs } from "../server/connectors/files/file-store-config";
import type { AppContext } from "../server/context";
import { getDatamap } from "../server/datamap/get-datamap";
import { sourceEnvironment } from "../server/datamap/resolve-datamap-path";
import { getReportKey } from "../server/delivery/report-key";
import { parseEnv } from "../server/env";
import { createLogger } from "../server/lib/logger";
import { buildCollectJob } from "../server/pipeline/pipeline-jobs";
import { renderDisclosure } from "../server/reports/render-disclosure";
import { createRequest } from "../server/requests/create-request";
import { transitionRequest } from "../server/requests/transition-request";
import { recordVerificationEvidence } from "../server/verification/record-verification-evidence";
import { testDialects } from "../tests/support/dialects";
import { databaseServerCpuMs } from "./support/database-server-cpu";
import { startStatementCounter, type StatementCounter } from "./support/mysql-statement-counter";

const args = process.argv.slice(2);
/**
 * How production starts a worker (package.json "worker") and so how the floor's process is
 * started too: the same young generation (ADR 020, ADR 056) and source maps.
 */
const NODE_FLAGS = ["--enable-source-maps", "--max-semi-space-size=32"];

if (args[0] === "--floor") {
  // A floor measurement's own process (floorInChild): prints CPU ms per request.
  const spec = JSON.parse(args[1]!) as { people: Array<{ email: string; full_name: string }>; warmUp: number; sourceUrl: string; dataDir: string; profileInto?: string };
  console.log(JSON.stringify(await inProcessFloor(spec)));
  process.exit(0);
}

const perRound = Number(args.find((a) => /^\d+$/.test(a)) ?? 30);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const baseline = args.find((a) => a.startsWith("--baseline="))?.slice("--baseline=".length);
// With none, a 2-worker round of 30 spread each process's one-off cost over 15 requests, not 30,
// and that alone made a request look ~50% dearer with 2 workers (ADR 053). Default 30: the floor
// kept getting cheaper after 8 while a worker did not, so 8 flattered the queue (ADR 063, 065).
const warmUpPerWorker = Number(args.find((a) => a.startsWith("--warm-up="))?.slice("--warm-up=".length) ?? 30);
const profileDir = args.find((a) => a.startsWith("--profile="))?.slice("--profile=".length);
const CODES = [{ name: "", root }, ...(baseline ? [{ name: " [baseline]", root: path.resolve(baseline) }] : [])];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-pipeline-"));
const self = fileURLToPath(import.meta.url);
const sourceUrl = `sqlite:${path.join(dataDir, "demo-business.sqlite")}`;
const TICK = 100; // USER_HZ: /proc CPU times are in 1/100 s on Linux
const ALL_MODES = [
  { name: "fresh render process per render (before)", env: { RENDER_PROCESS_RENDERS: "1" } },
  { name: "warm render processes", env: {} },
] as const;
const MODES = args.includes("--warm-only") ? ALL_MODES.slice(1) : ALL_MODES;

interface Round {
  dialect: string;
  mode: string;
  workers: number;
  perMinute: number;
  cpuMsPerRequest: number;
  code: string;
  line: string;
}

// Workers die with the bench (interrupted or failed), so a stopped run leaves none polling a dropped database.
const liveWorkers = new Set<ChildProcess>();
process.on("exit", () => liveWorkers.forEach((child) => child.kill("SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");

try {
  const roundsPerDialect = MODES.length * 2 * CODES.length;
  const dialects = testDialects().filter((d) => !args.includes("--mysql-only") || d.name === "mysql");
  const needed = perRound + (perRound + 2 * warmUpPerWorker) * roundsPerDialect * dialects.length;
  const source = openDb<DemoBusinessDb>(sourceUrl);
  // Every round's requests are new people (a person asked once): as many as the run needs. About
  // 70% of the generated people have an account (users), the rest are leads.
  await seedDemoBusiness(source.db, { dialect: "sqlite", filesDir: path.join(dataDir, "demo-files"), people: Math.max(1200, Math.ceil(needed / 0.6)) });
  const people = await source.db.selectFrom("users").select(["email", "full_name"]).orderBy("id").limit(needed).execute();
  await source.db.destroy();
  if (people.length < needed) throw new Error(`the demo business has ${people.length} people with an account; this run needs ${needed}`);
  console.log(`pipeline bench: ${perRound} verified categories requests per round after ${warmUpPerWorker} warm-up requests per worker, REVIEW_REQUIRED=none, ${os.cpus().length} cores, load average ${loadAverage()}`);

  // The floor is measured again after every round, on the same people (the same work each time), and
  // the median is the one compared with: one measurement moved 74-102 ms between runs with the load.
  const floorPeople = people.slice(0, perRound);
  // The first one starts after as many warm-up requests as a worker gets (not counted, as theirs).
  for (const code of CODES) buildIfStale(code.root);
  const compiled = await compileSelf();
  const floor = (profileInto?: string) => floorInChild(compiled, { people: floorPeople, warmUp: Math.max(1, warmUpPerWorker), sourceUrl, dataDir, profileInto });
  const floorParts = [floor(profileDir)];
  const floors = [floorParts[0]!.total];
  console.log(`in-process floor: ${floorLine(floorParts[0]!)} CPU per request (collect + render JSON, PDF, ZIP; no queue, no database, no render process); measured again after each round`);

  const rounds: Round[] = [];
  let next = perRound;
  for (const dialect of dialects) {
    const portal = dialect.name === "mysql" ? await dialect.create<Database>() : fileSqlite(`sqlite:${path.join(dataDir, "portal.sqlite")}`);
    // Optionally through a counting relay: statements per request, ours only (the server is shared).
    const counter = dialect.name === "mysql" && args.includes("--count-statements") ? await startStatementCounter(portal.url) : undefined;
    try {
      await migrateToLatest(portal.db);
      const workerEnv = { DATABASE_URL: counter?.url ?? portal.url, DEMO_SOURCE_URL: sourceUrl, DATA_DIR: dataDir, REVIEW_REQUIRED: "none", LOG_LEVEL: "warn", DEMO_SEED: "off" };
      const ctx: AppContext = { env: parseEnv(workerEnv), db: portal.db, dialect: portal.dialect, logger: createLogger("silent") };
      for (const mode of MODES) {
        for (const workers of [1, 2]) {
          for (const code of CODES) {
            const batch = people.slice(next, next + perRound + warmUpPerWorker * workers);
            next += batch.length;
            const round = await runRound(ctx, { ...workerEnv, ...mode.env }, batch, workers, code.root, counter);
            rounds.push({ dialect: dialect.name, mode: mode.name, workers, code: code.name, ...round });
            console.log(`  ${dialect.name}, ${mode.name}${code.name}, ${round.line}`);
            floorParts.push(floor());
            floors.push(floorParts.at(-1)!.total);
            console.log(`  in-process floor again: ${floorLine(floorParts.at(-1)!)} CPU per request; load ${loadAverage()}`);
          }
        }
      }
    } finally {
      await counter?.close();
      await portal.cleanup();
    }
  }

  const floorMs = median(floors);
  console.log(`\nin-process floor: median ${floorMs.toFixed(0)} ms CPU per request of ${floors.length} measurements (${floors.map((f) => f.toFixed(0)).join(", ")} ms, in run order); collecting: median ${median(floorParts.map((f) => f.collect)).toFixed(0)} ms of it`);
  console.log("per database and render mode: CPU per request / median floor, and the second worker's gain");
  for (const dialect of dialects) {
    for (const mode of MODES) for (const code of CODES) {
      const [one, two] = [1, 2].map((w) => rounds.find((r) => r.dialect === dialect.name && r.mode === mode.name && r.workers === w && r.code === code.name)!);
      console.log(`  ${dialect.name}, ${mode.name}${code.name}: ${(one!.cpuMsPerRequest / floorMs).toFixed(2)}x the floor, ${one!.perMinute.toFixed(0)} -> ${two!.perMinute.toFixed(0)} req/min (${(two!.perMinute / one!.perMinute).toFixed(2)}x)`);
    }
  }
  // The headline: MariaDB when it ran (production's database, the issue's target), warm renderers.
  const headline = dialects.at(-1)!.name;
  const [one, two] = [1, 2].map((w) => rounds.find((r) => r.dialect === headline && r.mode === MODES.at(-1)!.name && r.workers === w && r.code === "")!);
  console.log(`load average at the end: ${loadAverage()} (headline: ${headline})`);
  console.log(`pipeline: ${(one!.cpuMsPerRequest / floorMs).toFixed(2)}x the in-process floor (CPU, all processes), ${one!.perMinute.toFixed(0)} req/min with 1 worker, ${two!.perMinute.toFixed(0)} with 2 workers`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * This file bundled to JavaScript (packages stay imports of node_modules), next to node_modules so
 * they resolve: what a floor's process runs, compiled as the workers' code is (ADR 045).
 */
async function compileSelf(): Promise<string> {
  const { build } = await import("esbuild");
  const outfile = path.resolve(path.dirname(self), "../.cache/bench/pipeline.mjs");
  await build({ entryPoints: [self], outfile, bundle: true, packages: "external", platform: "node", format: "esm", target: "node20", logLevel: "warning", sourcemap: true });
  return outfile;
}

/** `npm run build` of a checkout when a source is newer than its last build (as `npm run worker` does first). */
function buildIfStale(codeRoot: string): void {
  const built = spawnSync(process.execPath, [path.join(codeRoot, "scripts/build.mjs"), "--if-stale"], { cwd: codeRoot, stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error(`building ${codeRoot} failed`);
}

/** One floor measurement in a fresh process started as a worker is: CPU ms per request, and how much of it collecting. */
function floorInChild(compiled: string, spec: Parameters<typeof inProcessFloor>[0]): FloorCpu {
  const child = spawnSync(process.execPath, [...NODE_FLAGS, compiled, "--floor", JSON.stringify(spec)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (child.status !== 0) throw new Error("the floor's process failed");
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as FloorCpu;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
}

/** CPU ms per request of the floor, and of that the collection (the rest is rendering). */
interface FloorCpu {
  total: number;
  collect: number;
}

/** "97 ms (collect 31 + render 66)": the workers' and the render processes' figures compare with the parts. */
function floorLine({ total, collect }: FloorCpu): string {
  return `${total.toFixed(0)} ms (collect ${collect.toFixed(0)} + render ${(total - collect).toFixed(0)})`;
}

/**
 * CPU ms per request of collecting and rendering in this process: what the work itself costs.
 * The first `warmUp` requests (the batch's first people again) warm the code (module loading, JIT)
 * and are not counted; then every person of the batch is.
 */
async function inProcessFloor({ people, warmUp, sourceUrl, dataDir, profileInto }: { people: Array<{ email: string; full_name: string }>; warmUp: number; sourceUrl: string; dataDir: string; profileInto?: string }): Promise<FloorCpu> {
  const batch = [...Array.from({ length: warmUp }, (_, i) => people[i % people.length]!), ...people];
  const env = parseEnv({ DEMO_SOURCE_URL: sourceUrl, DATA_DIR: dataDir, LOG_LEVEL: "warn", DEMO_SEED: "off" });
  const datamap = await getDatamap({ env });
  const work = fs.mkdtempSync(path.join(dataDir, "floor-"));
  const logger = createLogger("silent");
  const receivedOn = new Date().toISOString().slice(0, 10);
  let cpuAfterWarmUp = 0;
  let collectMs = 0;
  // With --profile, the first floor measurement is profiled too (this process's own V8 profile).
  const profiler = profileInto ? new inspector.Session() : undefined;
  profiler?.connect();
  for (const [i, person] of batch.entries()) {
    if (i === warmUp) {
      if (profiler) {
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
      }
      cpuAfterWarmUp = cpuMsOfThisProcess();
    }
    const spoolPath = path.join(work, `${i}.spool`);
    const beforeCollect = cpuMsOfThisProcess();
    const summary = await collectPersonData({ datamap, identifiers: { email: person.email }, period: computePeriod({ receivedOn, kind: "12_months" }), spoolPath, spoolKey: getReportKey(env), env: sourceEnvironment(env), logger });
    if (i >= warmUp) collectMs += cpuMsOfThisProcess() - beforeCollect;
    const { business } = datamap.map;
    const now = new Date().toISOString();
    await renderDisclosure({
      input: {
        request: { id: `floor${i}`, type: "categories", receivedAt: now, receiptDate: receivedOn, dueDate: receivedOn, completedAt: now, period: summary.period, channel: "web", submittedBy: "consumer", language: "en" },
        business: { name: business.name, legalName: business.legalName, contactEmail: business.contactEmail, privacyPolicyUrl: business.privacyPolicyUrl },
        verificationLevel: "reasonable",
        summary,
        reviewWithholdings: [],
      },
      spoolPath,
      spoolKey: getReportKey(env),
      publicUrl: env.PUBLIC_URL,
      pdfListing: env.PDF_LISTING_LIMIT,
      json: path.join(work, `${i}.json`),
      pdf: path.join(work, `${i}.pdf`),
      bundle: path.join(work, `${i}.zip`),
      fileStores: fileStoreConfigs(datamap.map, sourceEnvironment(env), datamap.baseDir),
    });
  }
  const counted = batch.length - warmUp;
  const ms = { total: (cpuMsOfThisProcess() - cpuAfterWarmUp) / counted, collect: collectMs / counted };
  if (profiler && profileInto) {
    const { profile } = await profiler.post("Profiler.stop");
    fs.mkdirSync(profileInto, { recursive: true });
    fs.writeFileSync(path.join(profileInto, "in-process-floor.cpuprofile"), JSON.stringify(profile));
    profiler.disconnect();
  }
  fs.rmSync(work, { recursive: true, force: true });
  return ms;
}

async function runRound(
  ctx: AppContext,
  env: Record<string, string>,
  batch: Array<{ email: string; full_name: string }>,
  workers: number,
  codeRoot: string,
  counter: StatementCounter | undefined,
): Promise<Omit<Round, "dialect" | "mode" | "workers" | "code">> {
  const ids: string[] = [];
  for (const person of batch) {
    const { id } = await createRequest(ctx, { type: "categories", channel: "web", californiaResident: true, subject: { name: person.full_name, email: person.email }, actor: { kind: "consumer" } });
    await recordVerificationEvidence(ctx, { requestId: id, matchedPoints: ["email", "fullName"], level: "reasonable" });
    await transitionRequest(ctx, { requestId: id, to: "verified", actor: { kind: "system" }, verificationLevel: "reasonable" });
    ids.push(id);
  }
  // The confirmation mails of the new requests are not pipeline work: done before the clock starts.
  const children: ChildProcess[] = Array.from({ length: workers }, () =>
    spawn(process.execPath, [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []), ...NODE_FLAGS, path.join(codeRoot, "dist/server/worker.js")], { cwd: codeRoot, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "inherit"] }),
  );
  children.forEach((child) => liveWorkers.add(child));
  const pids = children.map((c) => c.pid!);
  await settled(pids, ctx);
  const warmUpIds = ids.splice(0, warmUpPerWorker * workers);
  const beforeWarmUp = treeCpuTicks(pids);
  await deliver(ctx, warmUpIds);
  const started = performance.now();
  const at = { tree: treeCpuTicks(pids), db: databaseServerTicks(), machine: machineBusyTicks(), bench: cpuMsOfThisProcess(), locks: await rowLockWaits(ctx) };
  const warmUpMs = warmUpIds.length ? ((at.tree.workers + at.tree.below - beforeWarmUp.workers - beforeWarmUp.below) * 10) / warmUpIds.length : 0;
  counter?.take();
  await deliver(ctx, ids);
  const seconds = (performance.now() - started) / 1000;
  const end = treeCpuTicks(pids);
  const workerTicks = end.workers - at.tree.workers;
  const renderTicks = end.below - at.tree.below;
  // A warm render process is replaced after RENDER_PROCESS_RENDERS renders, and each new one pays
  // its start-up and slow first renders again (ADR 065): what a long-running worker pays for that,
  // per request, is counted too. Its cost is what the round's render processes spent before the
  // clock started beyond the warm-up renders at the measured rate. With a fresh process per render
  // it is in every request already.
  const maxRenders = parseEnv({ ...process.env, ...env }).RENDER_PROCESS_RENDERS;
  const renderMsPerRequest = ((renderTicks / TICK) * 1000) / ids.length;
  const renderStartMs = maxRenders > 1 ? Math.max(0, (at.tree.below * 10 - warmUpIds.length * renderMsPerRequest) / workers) : 0;
  const renderStartPerRequest = renderStartMs / maxRenders;
  const cpuTicks = workerTicks + renderTicks;
  const dbTicks = databaseServerTicks() - at.db;
  const machineTicks = machineBusyTicks() - at.machine;
  const statements = counter?.take();
  // What a second worker may wait for on MariaDB: row lock waits (server-wide counters, so other
  // sessions' waits count too; none of ours is the honest reading of a 0).
  const locks = at.locks && (await rowLockWaits(ctx));
  const lockWaits = at.locks && locks ? `InnoDB row lock waits ${locks.waits - at.locks.waits} (${locks.ms - at.locks.ms} ms in all)` : "";
  // This process polls for the end and runs the relay: CPU the pipeline's processes compete with.
  const benchMs = (cpuMsOfThisProcess() - at.bench) / ids.length;
  const load = loadAverage();
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(children.map((child) => new Promise((resolve) => child.once("exit", resolve))));
  children.forEach((child) => liveWorkers.delete(child));

  // Retries explain outliers (a busy database, a lost lease): how many jobs needed them and why.
  const retried = await ctx.db.selectFrom("jobs").select(["kind", "attempts", "last_error"]).where("attempts", ">", 1).execute();
  const reasons = new Map<string, number>();
  for (const j of retried) reasons.set(`${j.kind}:${j.last_error ?? "no reason recorded"}`, (reasons.get(`${j.kind}:${j.last_error ?? "no reason recorded"}`) ?? 0) + 1);
  await ctx.db.deleteFrom("jobs").where("attempts", ">", 1).execute();
  const perMinute = (ids.length / seconds) * 60;
  const cpuMsPerRequest = ((cpuTicks / TICK) * 1000) / ids.length + renderStartPerRequest;
  const msPerRequest = (ticks: number) => (((ticks / TICK) * 1000) / ids.length).toFixed(0);
  const cores = (ticks: number) => (ticks / TICK / seconds).toFixed(2);
  const line =
    `${workers} worker${workers > 1 ? "s" : " "}: ${ids.length} in ${seconds.toFixed(1)} s = ${perMinute.toFixed(0)} req/min, ` +
    `${cpuMsPerRequest.toFixed(0)} ms CPU/request (workers ${msPerRequest(workerTicks)} + render processes ${msPerRequest(renderTicks)}` +
    (renderStartMs ? ` + a render process's start-up and warm-up, ${renderStartMs.toFixed(0)} ms once per ${maxRenders} renders: ${renderStartPerRequest.toFixed(1)}` : "") +
    `${warmUpIds.length ? `; the ${warmUpIds.length} warm-up requests before: ${warmUpMs.toFixed(0)}` : ""}), MariaDB server (all its clients) ${Number.isNaN(dbTicks) ? "n/a" : msPerRequest(dbTicks)} ms/request, ` +
    `this bench process (polling${counter ? ", statement relay" : ""}) ${benchMs.toFixed(0)} ms/request; ` +
    `cores busy: pipeline ${cores(cpuTicks)}, MariaDB server (all its clients) ${Number.isNaN(dbTicks) ? "n/a" : cores(dbTicks)}, ` +
    `whole machine ${cores(machineTicks)}; load ${load}` +
    (lockWaits ? `; ${lockWaits}` : "") +
    (statements ? `; ${statementsLine(statements, ids.length)}` : "") +
    (retried.length ? `; ${retried.length} job(s) retried: ${[...reasons].map(([r, n]) => `${n}x ${r}`).join(", ")}` : "");
  return { perMinute, cpuMsPerRequest, line };
}

/** Moves the requests to collecting and waits until they are delivered and their "ready" notices sent. */
async function deliver(ctx: AppContext, ids: string[]): Promise<void> {
  const started = performance.now();
  for (const id of ids) await transitionRequest(ctx, { requestId: id, to: "collecting", actor: { kind: "system" }, jobs: [buildCollectJob(id)] });
  for (let delivered = 0; delivered < ids.length; ) {
    await sleep(100);
    const rows = await ctx.db.selectFrom("requests").select("state").where("id", "in", ids).execute();
    delivered = rows.filter((r) => r.state === "delivered").length;
    if (performance.now() - started > 900_000) throw new Error("pipeline bench timed out");
  }
  // Each delivery enqueues its "ready" notice: the round ends when those are sent too.
  while ((await ctx.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).where("kind", "!=", "deadline_reminders").execute()).length > 0) await sleep(50);
}

/** Workers' statements per request, the most frequent first: "41.2 statements/request (begin 6.1, ...)". */
function statementsLine(statements: Map<string, number>, requests: number): string {
  const total = [...statements.values()].reduce((a, b) => a + b, 0);
  const top = [...statements].sort((a, b) => b[1] - a[1]).slice(0, 30);
  return `${(total / requests).toFixed(1)} statements/request (${top.map(([label, n]) => `${label} ${(n / requests).toFixed(1)}`).join(", ")})`;
}

/**
 * Waits until the workers have started (module loading is not pipeline time) and have sent the
 * confirmation mails of the batch: until their CPU stops growing and no mail job is waiting.
 */
async function settled(pids: number[], ctx: AppContext): Promise<void> {
  let last = -1;
  for (;;) {
    await sleep(500);
    const tree = treeCpuTicks(pids);
    const now = tree.workers + tree.below;
    const waiting = await ctx.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).where("kind", "=", "send_mail").execute();
    // A profiled worker's samplers (its threads, its render process) never let its CPU stand still:
    // near-still is enough then.
    if (now - last <= (profileDir ? 5 * pids.length : 0) && waiting.length === 0) return;
    last = now;
  }
}

/** Parent pid, own CPU ticks and those of its waited-for (exited) children, of a process. */
function procStat(pid: number): { ppid: number; own: number; children: number } | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // After "pid (comm) ": state ppid ... utime(11) stime(12) cutime(13) cstime(14)
    return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU ticks of the given worker processes themselves, and of every process below them: the live
 * ones and those that exited (a reaped child's CPU is added to its parent's cutime/cstime).
 */
function treeCpuTicks(roots: number[]): { workers: number; below: number } {
  const all = fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);
  const stats = new Map(all.map((pid) => [pid, procStat(pid)] as const));
  const inTree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, stat] of stats) {
      if (stat && !inTree.has(pid) && inTree.has(stat.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  const workers = roots.reduce((sum, pid) => sum + (stats.get(pid)?.own ?? 0), 0);
  const below = [...inTree].reduce((sum, pid) => sum + (stats.get(pid)?.children ?? 0) + (roots.includes(pid) ? 0 : (stats.get(pid)?.own ?? 0)), 0);
  return { workers, below };
}

/** MariaDB/MySQL's server-wide InnoDB row lock waits and their total time (ms); undefined elsewhere. */
async function rowLockWaits(ctx: AppContext): Promise<{ waits: number; ms: number } | undefined> {
  if (ctx.dialect !== "mysql") return undefined;
  const { rows } = await sql<{ Variable_name: string; Value: string }>`SHOW GLOBAL STATUS LIKE 'Innodb_row_lock_%'`.execute(ctx.db);
  const value = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? 0);
  return { waits: value("Innodb_row_lock_waits"), ms: value("Innodb_row_lock_time") };
}

/** CPU ticks of a local MariaDB/MySQL server, NaN when there is none visible. */
function databaseServerTicks(): number {
  return databaseServerCpuMs("mysql") / 10;
}

/** Busy ticks of all cores together (/proc/stat: everything but idle and iowait). */
function machineBusyTicks(): number {
  const [, ...values] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const n = values.map(Number);
  return n.slice(0, 8).reduce((a, b) => a + b, 0) - n[3]! - n[4]!;
}

function cpuMsOfThisProcess(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

// Worker processes need a file they can open too, not the in-memory SQLite of the test dialects.
function fileSqlite(url: string) {
  const handle = openDb<Database>(url);
  return { ...handle, url, cleanup: () => handle.db.destroy() };
}

// HTTP throughput and tail latency of the real portal against a bare Express floor.
// Run: npm run bench -- http [seconds] [connections]        (portal DB: SQLite under a temp DATA_DIR)
//   1. builds (scripts/build.mjs --if-stale), then starts the real portal as a child process the way
//      `npm start` does (dist/server/index.js; RATE_LIMITS=relaxed, WORKER_IN_PROCESS=false) and
//      waits for /healthz;
//   2. creates a request and a consumer session in the child's SQLite file with the services, and
//      signs the rtk_consumer cookie with the portal's own commitConsumerSession; one GET checks that
//      /requests/<id> answers 200 (else the 404 view is measured, and labelled so);
//   3. starts a bare Express route returning "ok" in this process as the floor;
//   4. runs autocannon (50 connections, ~8 s each, after 2 s of unreported warm-up against the
//      portal) against the floor, GET /request and
//      GET /requests/<id>, and prints the main figure, the portal's CPU time per answered page (all
//      its processes, from /proc), then requests/s (also as a share of the floor's), p50, p99,
//      non-2xx and errors side by side;
//   5. does step 4 for the portal with WEB_CONCURRENCY=1 (one process) and again, on the same
//      database, with one HTTP process per core (ADR 020), so both figures come from one run; with
//      several processes "of it primary" is the primary's own CPU per page (it serves none: IPC).
// Targets: <= 1.0 ms CPU per page on /request (issue 18), p99 < 200 ms, no errors. Nothing is asserted (DESIGN.md §7).
// Before/after in one run: BENCH_BASELINE=<another checkout, built with `npm run build`> starts that
// portal too, on the same database, and measures the two alternately (baseline, this one, baseline,
// this one) on every target, so both see the same machine load (ADR 052).
// Profile: BENCH_CPU_PROF=<dir> starts the portal with `node --cpu-prof` and writes its profile
// there when the bench ends (open it in Chrome DevTools, or sort the nodes by self time).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import express from "express";
import { parseEnv } from "../server/env";
import { createConsumerWithSession } from "../tests/support/consumer-with-session";

const seconds = Number(process.argv[2] ?? 8);
const connections = Number(process.argv[3] ?? 50);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-http-"));

// What `npm start` runs (ADR 045): the compiled dist/, rebuilt first if a source is newer.
const built = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
if (built.status !== 0) throw new Error("npm run build failed");

const cores = os.availableParallelism();
const dbFile = path.join(dataDir, "portal.sqlite");
const profileDir = process.env.BENCH_CPU_PROF;
const profileArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
const baselineRoot = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : null;
if (baselineRoot && !fs.existsSync(path.join(baselineRoot, "dist/server/index.js"))) throw new Error(`BENCH_BASELINE: ${baselineRoot} has no dist/server/index.js (run npm run build there)`);
const builds = baselineRoot ? [{ label: " [before]", root: baselineRoot }, { label: " [after]", root }] : [{ label: "", root }];
const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(" ");
const floor = express();
floor.get("/", (_req, res) => {
  res.type("text/plain").send("ok");
});
const floorServer = floor.listen(0, "127.0.0.1");
await new Promise<void>((resolve) => floorServer.once("listening", resolve));
const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/`;

try {
  console.log(`http bench: ${connections} connections, ${seconds} s per target, portal on SQLite (${dataDir}), ${cores} cores, load average ${loadAverage()}`);
  if (baselineRoot) console.log(`baseline: ${baselineRoot}, measured alternately with this checkout, two rounds each`);
  const rows: string[][] = [];
  const floorResult = await autocannon({ url: floorUrl, connections, duration: seconds });
  const floorRate = floorResult.requests.average;
  rows.push(row("bare express (floor)", floorResult, floorRate, "-", loadAverage(), "-"));
  let consumer: { id: string; cookie: string } | null = null;
  for (const concurrency of [...new Set([1, cores])]) {
    const portals: Awaited<ReturnType<typeof startPortal>>[] = [];
    try {
      // One after the other: both migrate the same database at start-up.
      for (const build of builds) portals.push(await startPortal(concurrency, build.root));
      consumer ??= await createConsumerWithSession(portals[0]!.env, "Bench Consumer");
      const { id, cookie: cookieHeader } = consumer;
      const check = await fetch(`${portals[0]!.base}/requests/${id}`, { headers: { Cookie: cookieHeader }, redirect: "manual" });
      await check.arrayBuffer();
      if (check.status !== 200) console.log(`status page answered ${check.status}, not 200, with the session cookie: measuring that response instead`);
      const statusLabel = check.status === 200 ? "GET /requests/:id (session)" : `GET /requests/:id (404 VIEW: got ${check.status})`;
      const targets = [
        { name: "GET /request", path: "/request", headers: {} },
        { name: statusLabel, path: `/requests/${id}`, headers: { cookie: cookieHeader } },
      ];
      for (const target of targets) {
        // Steady state: a fresh process spends its first second or two compiling hot code (JIT), which
        // would otherwise land in the first target's tail. The warm-up's figures are not reported.
        for (const portal of portals) await autocannon({ url: `${portal.base}${target.path}`, connections, duration: 2, headers: target.headers });
        for (let round = 0; round < (baselineRoot ? 2 : 1); round++) {
          for (const [i, portal] of portals.entries()) {
            // The portal's own CPU time per answered request: unlike latency it hardly moves when other
            // processes share the cores, so it shows whether a change made the server cheaper.
            const cpuBefore = processTreeCpuMs(portal.pid);
            const primaryBefore = processCpuMs(portal.pid);
            const r = await autocannon({ url: `${portal.base}${target.path}`, connections, duration: seconds, headers: target.headers });
            const cpuAfter = processTreeCpuMs(portal.pid);
            const primaryAfter = processCpuMs(portal.pid);
            const perRequest = (before: number | null, after: number | null): string => (before !== null && after !== null && r.requests.total > 0 ? ((after - before) / r.requests.total).toFixed(2) : "-");
            // With several processes the primary serves no page: its CPU is the shared rate-limit store's IPC.
            const primary = concurrency > 1 ? perRequest(primaryBefore, primaryAfter) : "-";
            rows.push(row(`${target.name} x${concurrency}${builds[i]!.label}`, r, floorRate, perRequest(cpuBefore, cpuAfter), loadAverage(), primary));
          }
        }
      }
    } finally {
      for (const portal of portals) await portal.stop();
    }
  }
  printTable(["target (xN = WEB_CONCURRENCY)", "cpu ms/page", "of it primary", "req/s", "of floor", "p50 ms", "p99 ms", "non-2xx", "errors", "load avg"], rows);
  console.log(
    `targets: <= 1.0 ms of server CPU per page, p99 < 200 ms, no errors (load average at the end: ` +
      `${loadAverage()}, ${cores} cores; with a load above the core count every figure is inflated)`,
  );
} finally {
  await new Promise<void>((resolve) => floorServer.close(() => resolve()));
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function row(name: string, r: autocannon.Result, floorRate: number, cpuPerRequest: string, load: string, primary: string): string[] {
  const ofFloor = floorRate > 0 ? `${((100 * r.requests.average) / floorRate).toFixed(1)}%` : "-";
  return [name, cpuPerRequest, primary, r.requests.average.toFixed(0), ofFloor, r.latency.p50.toFixed(0), r.latency.p99.toFixed(0), String(r.non2xx), `${r.errors} (${r.timeouts} timeouts)`, load];
}

/** Starts dist/server/index.js on the bench's database with `concurrency` HTTP processes. */
async function startPortal(concurrency: number, buildRoot: string) {
  const port = await freePort();
  const childEnv = { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: `sqlite:${dbFile}`, RATE_LIMITS: "relaxed", LOG_LEVEL: "warn", WORKER_IN_PROCESS: "false", WEB_CONCURRENCY: String(concurrency) };
  // The node flags of `npm start` (package.json): a 32 MB young generation means fewer scavenges
  // of page-rendering garbage (ADR 020 has the figures).
  const child = spawn(process.execPath, [...profileArgs, "--enable-source-maps", "--max-semi-space-size=32", path.join(buildRoot, "dist/server/index.js")], {
    cwd: buildRoot,
    env: { ...process.env, ...childEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, 120_000, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base: `http://127.0.0.1:${port}`, pid: child.pid!, env: parseEnv({ ...childEnv, DEMO_SEED: "off" }), stop };
}

/** CPU time (ms) of a process and its direct children (the HTTP workers), from /proc (Linux). */
function processTreeCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  let children = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(fields[1]) === pid) children += processCpuMs(Number(entry)) ?? 0;
    } catch {
      // the process ended while we looked
    }
  }
  return own + children;
}

/** User + system CPU time of a process in ms, from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks; the name field may hold spaces, so count from its ")".
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: free } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return free;
}

async function waitForHealth(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`portal exited with code ${child.exitCode} before /healthz answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`portal did not answer ${url} within ${timeoutMs / 1000} s`);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

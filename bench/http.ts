// HTTP throughput and tail latency of the real portal against a bare Express floor.
// Run: npm run bench -- http [seconds] [connections]        (portal DB: SQLite under a temp DATA_DIR)
//   1. builds Remix only if build/index.js is missing, then starts the real portal as a child
//      process (server/index.ts; RATE_LIMITS=relaxed, WORKER_IN_PROCESS=false) and waits for /healthz;
//   2. creates a request and a consumer session in the child's SQLite file with the services, and
//      signs the rtk_consumer cookie as app/lib/consumer-session.server.ts does; one GET checks that
//      /requests/<id> answers 200 (else the 404 view is measured, and labelled so);
//   3. starts a bare Express route returning "ok" in this process as the floor;
//   4. runs autocannon (50 connections, ~8 s each) against the floor, GET /request and
//      GET /requests/<id>, and prints requests/s (also as a share of the floor's), p50, p99, the
//      portal's CPU time per answered request, non-2xx and errors side by side.
// Targets: p99 < 200 ms, no errors. Nothing is asserted (DESIGN.md §7).
// Profile: BENCH_CPU_PROF=<dir> starts the portal with `node --cpu-prof` and writes its profile
// there when the bench ends (open it in Chrome DevTools, or sort the nodes by self time).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { createCookie } from "@remix-run/node";
import autocannon from "autocannon";
import express from "express";
import { openDb } from "../db/client";
import type { Database } from "../db/schema";
import type { AppContext } from "../server/context";
import { parseEnv } from "../server/env";
import { createLogger } from "../server/lib/logger";
import { createRequest } from "../server/requests/create-request";
import { CONSUMER_SESSION_SECONDS, createConsumerSession } from "../server/sessions/create-consumer-session";
import { getSessionSecret } from "../server/sessions/session-secret";

const seconds = Number(process.argv[2] ?? 8);
const connections = Number(process.argv[3] ?? 50);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-http-"));

if (!fs.existsSync(path.join(root, "build", "index.js"))) {
  console.log("build/index.js missing: running `npx remix build`");
  const built = spawnSync("npx", ["remix", "build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("remix build failed");
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const childEnv = { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, DATABASE_URL: `sqlite:${path.join(dataDir, "portal.sqlite")}`, RATE_LIMITS: "relaxed", LOG_LEVEL: "warn", WORKER_IN_PROCESS: "false" };
const profileDir = process.env.BENCH_CPU_PROF;
const profileArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
const child = spawn(process.execPath, [...profileArgs, "--import", "tsx", path.join(root, "server/index.ts")], {
  cwd: root,
  env: { ...process.env, ...childEnv },
  stdio: ["ignore", "ignore", "inherit"],
});
const childExit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
const floor = express();
floor.get("/", (_req, res) => {
  res.type("text/plain").send("ok");
});
const floorServer = floor.listen(0, "127.0.0.1");
await new Promise<void>((resolve) => floorServer.once("listening", resolve));
const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/`;

try {
  await waitForHealth(`${base}/healthz`, 120_000);
  const env = parseEnv({ ...childEnv, DEMO_SEED: "off" });
  const portal = openDb<Database>(env.DATABASE_URL);
  const ctx: AppContext = { env, db: portal.db, dialect: portal.dialect, logger: createLogger("silent") };
  const { id } = await createRequest(ctx, {
    type: "categories",
    channel: "web",
    californiaResident: true,
    subject: { name: "Bench Consumer", email: "bench.consumer@example.test" },
    actor: { kind: "consumer" },
  });
  const session = await createConsumerSession(ctx, { requestId: id });
  await portal.db.destroy();
  // Same options and secret as getConsumerCookie; only the name=value pair goes in the request.
  const cookie = createCookie("rtk_consumer", { httpOnly: true, sameSite: "lax", secure: env.isProduction, path: "/", maxAge: CONSUMER_SESSION_SECONDS, secrets: [getSessionSecret(env)] });
  const cookieHeader = (await cookie.serialize(session.token)).split(";")[0]!;

  const check = await fetch(`${base}/requests/${id}`, { headers: { Cookie: cookieHeader }, redirect: "manual" });
  await check.arrayBuffer();
  const statusLabel = check.status === 200 ? `GET /requests/:id (session)` : `GET /requests/:id (404 VIEW: session check got ${check.status})`;
  if (check.status !== 200) console.log(`status page answered ${check.status}, not 200, with the session cookie: measuring that response instead`);

  console.log(`http bench: ${connections} connections, ${seconds} s per target, portal on SQLite (${dataDir})`);
  const targets = [
    { name: "bare express (floor)", url: floorUrl, headers: {} },
    { name: "GET /request", url: `${base}/request`, headers: {} },
    { name: statusLabel, url: `${base}/requests/${id}`, headers: { cookie: cookieHeader } },
  ];
  const rows: string[][] = [];
  let floorRate = 0;
  for (const target of targets) {
    // The portal's own CPU time per answered request: unlike latency it hardly moves when other
    // processes share the cores, so it shows whether a change made the server cheaper.
    const cpuBefore = target.url === floorUrl ? null : processCpuMs(child.pid);
    const r = await autocannon({ url: target.url, connections, duration: seconds, headers: target.headers });
    const cpuAfter = target.url === floorUrl ? null : processCpuMs(child.pid);
    const cpuPerRequest = cpuBefore !== null && cpuAfter !== null && r.requests.total > 0 ? ((cpuAfter - cpuBefore) / r.requests.total).toFixed(2) : "-";
    if (target.url === floorUrl) floorRate = r.requests.average;
    const ofFloor = floorRate > 0 ? `${((100 * r.requests.average) / floorRate).toFixed(1)}%` : "-";
    rows.push([target.name, r.requests.average.toFixed(0), ofFloor, r.latency.p50.toFixed(0), r.latency.p99.toFixed(0), cpuPerRequest, String(r.non2xx), `${r.errors} (${r.timeouts} timeouts)`]);
  }
  printTable(["target", "req/s", "of floor", "p50 ms", "p99 ms", "cpu ms/req", "non-2xx", "errors"], rows);
  console.log(`targets: p99 < 200 ms, no errors (load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${os.cpus().length} cores)`);
} finally {
  child.kill("SIGTERM");
  await Promise.race([childExit, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await new Promise<void>((resolve) => floorServer.close(() => resolve()));
  fs.rmSync(dataDir, { recursive: true, force: true });
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

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
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

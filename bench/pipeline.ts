// End-to-end pipeline throughput: verified request -> collect -> render -> stored PDF + JSON.
// Run: npm run bench -- pipeline [requestsPerRound]     (portal DB on MariaDB with TEST_MYSQL_URL, else SQLite)
// For 1 and then 2 real worker processes (server/worker.ts), a fresh batch of verified categories
// requests for typical (generated) demo people is queued, and the wall time until every one is
// delivered gives requests completed per minute. The demo source is SQLite (1,200 people).
// Nothing is asserted (DESIGN.md §7).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { openDb } from "../db/client";
import type { DemoBusinessDb } from "../db/demo-business/schema";
import { seedDemoBusiness } from "../db/demo-business/seed-demo-business";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import type { AppContext } from "../server/context";
import { parseEnv } from "../server/env";
import { createLogger } from "../server/lib/logger";
import { buildCollectJob } from "../server/pipeline/pipeline-jobs";
import { createRequest } from "../server/requests/create-request";
import { transitionRequest } from "../server/requests/transition-request";
import { recordVerificationEvidence } from "../server/verification/record-verification-evidence";
import { testDialects } from "../tests/support/dialects";

const perRound = Number(process.argv[2] ?? 30);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-pipeline-"));
const sourceUrl = `sqlite:${path.join(dataDir, "demo-business.sqlite")}`;
const dialect = testDialects().find((d) => d.name === "mysql") ?? testDialects()[0]!;
const portal = await (dialect.name === "mysql" ? dialect.create<Database>() : fileSqlite(`sqlite:${path.join(dataDir, "portal.sqlite")}`));
const workerEnv = { DATABASE_URL: portal.url, DEMO_SOURCE_URL: sourceUrl, DATA_DIR: dataDir, REVIEW_REQUIRED: "none", LOG_LEVEL: "warn", DEMO_SEED: "off" };
const ctx: AppContext = { env: parseEnv(workerEnv), db: portal.db, dialect: portal.dialect, logger: createLogger("silent") };

try {
  await migrateToLatest(portal.db);
  const source = openDb<DemoBusinessDb>(sourceUrl);
  await seedDemoBusiness(source.db, { dialect: "sqlite", filesDir: path.join(dataDir, "demo-files") });
  const people = await source.db.selectFrom("users").select(["email", "full_name"]).orderBy("id").limit(perRound * 2).execute();
  await source.db.destroy();
  console.log(`pipeline bench: portal database ${dialect.name}, ${perRound} verified categories requests per round, REVIEW_REQUIRED=none`);
  const results: string[] = [];
  for (const [round, workers] of [1, 2].entries()) {
    const batch = people.slice(round * perRound, (round + 1) * perRound);
    const ids: string[] = [];
    for (const person of batch) {
      const { id } = await createRequest(ctx, { type: "categories", channel: "web", californiaResident: true, subject: { name: person.full_name, email: person.email }, actor: { kind: "consumer" } });
      await recordVerificationEvidence(ctx, { requestId: id, matchedPoints: ["email", "fullName"], level: "reasonable" });
      await transitionRequest(ctx, { requestId: id, to: "verified", actor: { kind: "system" }, verificationLevel: "reasonable" });
      ids.push(id);
    }
    const children: ChildProcess[] = Array.from({ length: workers }, () =>
      spawn(process.execPath, ["--import", "tsx", path.join(root, "server/worker.ts")], { env: { ...process.env, ...workerEnv }, stdio: ["ignore", "ignore", "inherit"] }),
    );
    await sleep(1500); // worker start-up (tsx, migrations check) is not pipeline time
    const started = performance.now();
    const cpuAtStart = children.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0);
    for (const id of ids) await transitionRequest(ctx, { requestId: id, to: "collecting", actor: { kind: "system" }, jobs: [buildCollectJob(id)] });
    let delivered = 0;
    while (delivered < ids.length) {
      await sleep(200);
      const rows = await ctx.db.selectFrom("requests").select("state").where("id", "in", ids).execute();
      delivered = rows.filter((r) => r.state === "delivered").length;
      if (performance.now() - started > 600_000) throw new Error("pipeline bench timed out");
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = children.reduce((sum, child) => sum + cpuSeconds(child.pid!), 0) - cpuAtStart;
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => new Promise((resolve) => child.once("exit", resolve))));
    // Retries explain outliers (a busy database, a lost lease): how many jobs needed them and why.
    // A retried job always records its reason (last_error is kept when it completes; ADR 017).
    const retried = await ctx.db.selectFrom("jobs").select(["kind", "attempts", "last_error"]).where("attempts", ">", 1).execute();
    const reasons = new Map<string, number>();
    for (const j of retried) {
      const reason = `${j.kind}:${j.last_error ?? "no reason recorded"}`;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const why = [...reasons].map(([reason, n]) => `${n}× ${reason}`).join(", ");
    await ctx.db.deleteFrom("jobs").where("attempts", ">", 1).execute();
    results.push(
      `  ${workers} worker${workers > 1 ? "s" : " "}: ${ids.length} requests delivered in ${seconds.toFixed(1)} s = ${((ids.length / seconds) * 60).toFixed(0)} requests/minute, worker CPU ${((cpu / ids.length) * 1000).toFixed(0)} ms/request` +
        (retried.length ? `  (${retried.length} job(s) retried: ${why})` : ""),
    );
  }
  console.log(results.join("\n"));
} finally {
  await portal.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * CPU seconds a process has used so far (Linux /proc; NaN elsewhere). On a shared
 * machine wall time mixes in other load, CPU per request does not: a stall shows as wall time
 * going up while CPU per request stays flat, lost work as CPU per request going up.
 */
function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
  } catch {
    return Number.NaN;
  }
}

// Worker processes need a file they can open too, not the in-memory SQLite of the test dialects.
async function fileSqlite(url: string) {
  const handle = openDb<Database>(url);
  return { ...handle, url, cleanup: () => handle.db.destroy() };
}

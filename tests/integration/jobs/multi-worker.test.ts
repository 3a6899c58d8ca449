import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { enqueueJob } from "../../../server/jobs/enqueue-job";
import { createRequest } from "../../../server/requests/create-request";
import type { TestDatabase } from "../../support/dialects";
import { registerTestRenderJob } from "../../support/test-render-job";
import { createMigratedContext, durableDialects, sampleRequestInput } from "../../support/test-context";

// The parent only enqueues: the child processes (tests/support/test-worker.ts) run the handler.
registerTestRenderJob();

const JOBS = 50;
const LEASE_SECONDS = 5;
const WORKERS = 2;

interface Worker {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: string[];
}

/**
 * The acceptance test: two real worker processes on one database, claiming in parallel
 * (MariaDB: FOR UPDATE SKIP LOCKED; SQLite: one file, every transaction BEGIN IMMEDIATE). On
 * SQLite this once lost jobs to SQLITE_BUSY in storeReport's transaction and retried them after a
 * backoff with no reason recorded (ADR 017), so no job may need a second attempt here.
 */
describe.each(durableDialects())("worker processes on $name", (dialect) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-workers-"));
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  const workers: Worker[] = [];
  const requestIds: string[] = [];

  function startWorker(): Promise<Worker> {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/test-worker.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "test",
        DATABASE_URL: t.url,
        JOB_LEASE_SECONDS: String(LEASE_SECONDS),
        LOG_LEVEL: "warn",
        DATA_DIR: dataDir,
        // Reports as database rows: the workers' writes all go to the one shared database.
        REPORT_STORAGE: "database",
        REPORT_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const worker: Worker = { child, output: [], exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))) };
    workers.push(worker);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker not ready: ${worker.output.join("")}`)), 90_000);
      child.stderr!.on("data", (d: Buffer) => worker.output.push(d.toString()));
      child.stdout!.on("data", (d: Buffer) => {
        worker.output.push(d.toString());
        if (d.toString().includes("ready")) {
          clearTimeout(timer);
          resolve(worker);
        }
      });
    });
  }

  const runsOf = async () =>
    (await sql<{ job_id: string; attempt: number; pid: number }>`select job_id, attempt, pid from test_job_runs`.execute(t.db)).rows.map((r) => ({ ...r, attempt: Number(r.attempt), pid: Number(r.pid) }));
  async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) {
        const pending = await t.db.selectFrom("jobs").select(["state", "attempts", "last_error"]).where("kind", "=", "test_render").where("state", "!=", "done").execute();
        throw new Error(`timed out; jobs not done: ${JSON.stringify(pending)}\nworker output:\n${workers.map((w) => w.output.join("")).join("\n")}`);
      }
      await sleep(100);
    }
  }

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
    await t.db.schema
      .createTable("test_job_runs")
      .addColumn("job_id", "varchar(26)", (c) => c.notNull())
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("pid", "integer", (c) => c.notNull())
      .addColumn("started_at", "varchar(23)", (c) => c.notNull())
      .execute();
    for (let i = 0; i <= JOBS; i += 1) requestIds.push((await createRequest(ctx, sampleRequestInput())).id);
    await Promise.all(Array.from({ length: WORKERS }, () => startWorker()));
    // A worker started through tsx loads for seconds; on a loaded machine, for tens of seconds.
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await t?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`[OPS]: ${JOBS} jobs enqueued while ${WORKERS} workers poll are each run exactly once`, async () => {
    const ids: string[] = [];
    for (const requestId of requestIds.slice(0, JOBS)) {
      ids.push((await enqueueJob(ctx, { kind: "test_render", payload: { requestId, firstRunSleepMs: 50 }, idempotencyKey: `test_render:${requestId}` })).id);
    }
    await until(async () => (await t.db.selectFrom("jobs").select("id").where("id", "in", ids).where("state", "=", "done").execute()).length === JOBS, 20_000);

    const jobs = await t.db.selectFrom("jobs").select(["state", "attempts", "locked_by", "last_error"]).where("id", "in", ids).execute();
    expect(jobs.filter((j) => j.attempts !== 1 || j.last_error !== null || j.locked_by !== null)).toEqual([]);
    const runs = await runsOf();
    expect(runs).toHaveLength(JOBS);
    expect(new Set(runs.map((r) => r.job_id)).size).toBe(JOBS);
    expect(new Set(runs.map((r) => r.pid)).size).toBe(WORKERS); // both really worked
    const reports = await t.db.selectFrom("reports").select("request_id").execute();
    expect(new Set(reports.map((r) => r.request_id))).toEqual(new Set(requestIds.slice(0, JOBS)));
  });

  it("[OPS]: a worker killed mid-job loses its lease, and the job is finished elsewhere exactly once", async () => {
    const requestId = requestIds[JOBS]!;
    const { id } = await enqueueJob(ctx, { kind: "test_render", payload: { requestId, firstRunSleepMs: 120_000 }, idempotencyKey: `test_render:${requestId}` });
    await until(async () => (await runsOf()).some((r) => r.job_id === id), 10_000);
    const victimPid = (await runsOf()).find((r) => r.job_id === id)!.pid;
    const victim = workers.find((w) => w.child.pid === victimPid)!;
    victim.child.kill("SIGKILL");
    await victim.exited;
    await until(async () => (await t.db.selectFrom("jobs").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state === "done", 20_000);
    // The retry says why: the victim's run counted as an attempt and ended with its lease.
    expect(await t.db.selectFrom("jobs").select(["attempts", "locked_by", "last_error"]).where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ attempts: 2, locked_by: null, last_error: "lease_expired" });
    const runs = (await runsOf()).filter((r) => r.job_id === id);
    expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
    expect(runs[1]!.pid).not.toBe(victimPid);
    expect(await t.db.selectFrom("reports").select("id").where("request_id", "=", requestId).execute()).toHaveLength(1);
  });

  it("[OPS]: SIGTERM stops the surviving workers cleanly", async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    expect(alive.length).toBeGreaterThan(0);
    for (const w of alive) w.child.kill("SIGTERM");
    expect(await Promise.all(alive.map((w) => w.exited))).toEqual(alive.map(() => 0));
  });
});

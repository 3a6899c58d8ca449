import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { enqueueJob } from "../../../server/jobs/enqueue-job";
import { registerJobKind } from "../../../server/jobs/registry";
import { runWorker } from "../../../server/jobs/run-worker";
import { schedulePeriodicJobs } from "../../../server/jobs/schedule-periodic-jobs";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext } from "../../support/test-context";

const runs: string[] = [];
let release: (() => void) | undefined;
const Payload = z.strictObject({ tag: z.string(), mode: z.enum(["ok", "fail", "hang", "slow"]) });
registerJobKind("test_worker", {
  schema: Payload,
  maxAttempts: 2,
  backoffBaseMs: 10,
  loadHandler: async () => async (_ctx, payload: z.infer<typeof Payload>, run) => {
    runs.push(`${payload.tag}#${run.attempts}`);
    if (payload.mode === "fail") throw Object.assign(new Error("550 ana@example.test unknown"), { code: "EENVELOPE" });
    if (payload.mode === "slow") await sleep(150);
    if (payload.mode === "hang") await new Promise<void>((resolve) => (release = resolve));
  },
});

describe.each(testDialects())("runWorker on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  const enqueue = (tag: string, mode: z.infer<typeof Payload>["mode"]) =>
    enqueueJob(ctx, { kind: "test_worker", payload: { tag: `${dialect.name}-${tag}`, mode }, idempotencyKey: `test_worker:${dialect.name}:${tag}` });
  const job = (id: string) => t.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error("condition not reached in time");
      await sleep(20);
    }
  }

  it("[OPS]: runs jobs to done, retries failures and dead-letters them with a code and no personal data", async () => {
    const ok = await enqueue("ok", "ok");
    const bad = await enqueue("bad", "fail");
    const worker = runWorker(ctx, { kinds: ["test_worker"], pollIntervalMs: 10, schedulePeriodic: false });
    try {
      await until(async () => (await job(ok.id)).state === "done" && (await job(bad.id)).state === "dead");
    } finally {
      await worker.stop();
    }
    expect(await job(ok.id)).toMatchObject({ attempts: 1, last_error: null, locked_by: null });
    expect(await job(bad.id)).toMatchObject({ attempts: 2, last_error: "EENVELOPE" });
    expect(runs.filter((r) => r.startsWith(`${dialect.name}-bad#`))).toEqual([`${dialect.name}-bad#1`, `${dialect.name}-bad#2`]);
  });

  it("[OPS]: a payload that no longer fits its schema is dead-lettered without running", async () => {
    const { id } = await enqueue("stale", "ok");
    await t.db.updateTable("jobs").set({ payload: JSON.stringify({ tag: `${dialect.name}-stale`, mode: "unknown" }) }).where("id", "=", id).execute();
    const worker = runWorker(ctx, { kinds: ["test_worker"], pollIntervalMs: 10, schedulePeriodic: false });
    await until(async () => (await job(id)).state === "dead");
    await worker.stop();
    expect(await job(id)).toMatchObject({ attempts: 1, last_error: "invalid_payload" });
    expect(runs).not.toContain(`${dialect.name}-stale#1`);
  });

  it("[OPS]: stop() lets a running job finish within the timeout", async () => {
    const { id } = await enqueue("slow", "slow");
    const worker = runWorker(ctx, { kinds: ["test_worker"], pollIntervalMs: 10, schedulePeriodic: false });
    await until(async () => (await job(id)).state === "running");
    await worker.stop({ timeoutMs: 5_000 });
    expect(await job(id)).toMatchObject({ state: "done", attempts: 1 });
  });

  it("[OPS]: stop() releases a job that outlives the timeout back to the queue, attempt not counted", async () => {
    const { id } = await enqueue("hang", "hang");
    const worker = runWorker(ctx, { kinds: ["test_worker"], pollIntervalMs: 10, schedulePeriodic: false });
    await until(async () => (await job(id)).state === "running");
    await worker.stop({ timeoutMs: 100 });
    expect(await job(id)).toMatchObject({ state: "queued", locked_by: null, locked_until: null, attempts: 0 });
    release?.(); // the abandoned run ends later and must not complete the job it no longer holds
    await sleep(50);
    expect((await job(id)).state).toBe("queued");
  });

  it("[OPS]: periodic sweeps are scheduled once per time bucket however many workers ask", async () => {
    const kinds = ["deny_unverified_overdue", "deadline_reminders"];
    const now = new Date("2030-05-05T10:20:00.000Z");
    expect(await schedulePeriodicJobs(ctx, { kinds, now })).toBe(2);
    expect(await schedulePeriodicJobs(ctx, { kinds, now: new Date("2030-05-05T10:29:59.999Z") })).toBe(0);
    expect(await schedulePeriodicJobs(ctx, { kinds, now: new Date("2030-05-05T10:30:00.000Z") })).toBe(1); // next 15-min bucket
    const keys = await t.db.selectFrom("jobs").select("idempotency_key").where("kind", "in", kinds).orderBy("idempotency_key").execute();
    expect(keys.map((k) => k.idempotency_key)).toEqual([
      "deadline_reminders:2030-05-05T10:00:00.000Z",
      "deny_unverified_overdue:2030-05-05T10:15:00.000Z",
      "deny_unverified_overdue:2030-05-05T10:30:00.000Z",
    ]);
  });
});

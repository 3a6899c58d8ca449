import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { claimJob } from "../../../server/jobs/claim-job";
import { completeJob } from "../../../server/jobs/complete-job";
import { enqueueJob } from "../../../server/jobs/enqueue-job";
import { failJob } from "../../../server/jobs/fail-job";
import { heartbeatJob } from "../../../server/jobs/heartbeat-job";
import { registerJobKind } from "../../../server/jobs/registry";
import { releaseJob } from "../../../server/jobs/release-job";
import { toDbTime } from "../../../server/lib/clock";
import type { AppError } from "../../../server/lib/errors";
import { runInWriteTransaction } from "../../../server/lib/transaction.repository";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext } from "../../support/test-context";

registerJobKind("test_echo", {
  schema: z.strictObject({ n: z.number() }),
  maxAttempts: 3,
  backoffBaseMs: 1000,
  loadHandler: async () => async () => {},
});
const KINDS = ["test_echo"];
const LEASE = 5;
const T0 = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testDialects())("job queue on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  beforeEach(async () => {
    await t.db.deleteFrom("jobs").execute();
  });
  const job = (id: string) => t.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const enqueue = (key: string, runAt = T0) => enqueueJob(ctx, { kind: "test_echo", payload: { n: 1 }, idempotencyKey: key, runAt });

  it("[OPS]: enqueueing a key twice is a no-op, and the caller's transaction goes on", async () => {
    const first = await enqueue("echo:1");
    expect(await enqueue("echo:1")).toEqual({ id: first.id, created: false });
    await runInWriteTransaction(ctx, async (tx) => {
      expect((await enqueueJob(tx, { kind: "test_echo", payload: { n: 2 }, idempotencyKey: "echo:1" })).created).toBe(false);
      expect((await enqueueJob(tx, { kind: "test_echo", payload: { n: 3 }, idempotencyKey: "echo:2" })).created).toBe(true);
    });
    const rows = await t.db.selectFrom("jobs").select(["idempotency_key", "payload"]).orderBy("idempotency_key").execute();
    expect(rows).toEqual([
      { idempotency_key: "echo:1", payload: '{"n":1}' },
      { idempotency_key: "echo:2", payload: '{"n":3}' },
    ]);
  });

  it("[OPS]: refuses unknown kinds, payloads the schema rejects and malformed keys", async () => {
    const codes = await Promise.all([
      enqueueJob(ctx, { kind: "nope", payload: {}, idempotencyKey: "k" }),
      enqueueJob(ctx, { kind: "test_echo", payload: { n: "one" }, idempotencyKey: "k" }),
      enqueueJob(ctx, { kind: "test_echo", payload: { n: 1 }, idempotencyKey: "has space" }),
    ].map((p) => p.then(() => "ok", (e: AppError) => e.code)));
    expect(codes).toEqual(["unknown_job_kind", "validation", "validation"]);
    expect(await t.db.selectFrom("jobs").select("id").execute()).toEqual([]);
  });

  it("[OPS]: a claimed job is leased to one worker until it completes", async () => {
    const { id } = await enqueue("echo:claim", at(1000));
    expect(await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now: T0 })).toBeNull(); // not due yet
    expect(await claimJob(ctx, { workerId: "A", kinds: ["other_kind"], leaseSeconds: LEASE, now: at(2000) })).toBeNull();
    const claimed = await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now: at(2000) });
    expect(claimed).toMatchObject({ id, kind: "test_echo", payload: '{"n":1}', attempts: 1, maxAttempts: 3, lockedUntil: toDbTime(at(7000)) });
    expect(await job(id)).toMatchObject({ state: "running", locked_by: "A", attempts: 1 });
    expect(await claimJob(ctx, { workerId: "B", kinds: KINDS, leaseSeconds: LEASE, now: at(3000) })).toBeNull();
    expect(await completeJob(ctx, { jobId: id, workerId: "B" })).toBe(false);
    expect(await completeJob(ctx, { jobId: id, workerId: "A" })).toBe(true);
    expect(await job(id)).toMatchObject({ state: "done", locked_by: null, locked_until: null, attempts: 1 });
    expect(await claimJob(ctx, { workerId: "B", kinds: KINDS, leaseSeconds: LEASE, now: at(60_000) })).toBeNull();
  });

  it("[OPS]: workers claiming at the same moment never get the same job, and an expired lease waits for the next look", async () => {
    for (let i = 0; i < 6; i += 1) await enqueue(`echo:race:${i}`);
    // Ten claims at once over the pool's connections (MySQL: the single-statement claim, ADR 053).
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimJob(ctx, { workerId: `W${i}`, kinds: KINDS, leaseSeconds: LEASE, expiredLeases: false, now: at(1000) })));
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(6);
    expect(new Set(won.map((c) => c!.id)).size).toBe(6);
    for (const c of won) expect(await job(c!.id)).toMatchObject({ state: "running", attempts: 1, locked_by: `W${claims.indexOf(c)}` });
    // Every lease has expired at 10 s: a claim that does not look for expired leases leaves them be.
    expect(await claimJob(ctx, { workerId: "X", kinds: KINDS, leaseSeconds: LEASE, expiredLeases: false, now: at(10_000) })).toBeNull();
    expect(await claimJob(ctx, { workerId: "X", kinds: KINDS, leaseSeconds: LEASE, now: at(10_000) })).toMatchObject({ attempts: 2 });
  });

  it("[OPS]: failures back off exponentially, then the job is dead-lettered with a code", async () => {
    const { id } = await enqueue("echo:fail");
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const claimed = await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now });
      expect(claimed?.attempts).toBe(attempt);
      const outcome = await failJob(ctx, { jobId: id, workerId: "A", attempts: attempt, maxAttempts: 3, errorCode: "ECONNREFUSED", backoffBaseMs: 1000, now, random: () => 1 });
      expect(outcome).toBe(attempt < 3 ? "retry" : "dead");
      const row = await job(id);
      if (outcome === "dead") break;
      expect(row).toMatchObject({ state: "queued", locked_by: null, last_error: "ECONNREFUSED" });
      delays.push(new Date(row.run_at.replace(" ", "T") + "Z").getTime() - now.getTime());
      expect(await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now: new Date(now.getTime() + delays.at(-1)! - 1) })).toBeNull();
      now = new Date(now.getTime() + delays.at(-1)!);
    }
    expect(delays).toEqual([1000, 2000]);
    expect(await job(id)).toMatchObject({ state: "dead", attempts: 3, last_error: "ECONNREFUSED", locked_by: null });
    expect(await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now: at(86_400_000) })).toBeNull();
  });

  it("[OPS]: when a worker's lease expires another takes over, and the first can no longer touch the job", async () => {
    const { id } = await enqueue("echo:lease");
    await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now: T0 });
    expect(await heartbeatJob(ctx, { jobId: id, workerId: "A", leaseSeconds: LEASE, now: at(3000) })).toBe(true); // lease now ends at +8 s
    expect(await claimJob(ctx, { workerId: "B", kinds: KINDS, leaseSeconds: LEASE, now: at(7000) })).toBeNull();
    const takeover = await claimJob(ctx, { workerId: "B", kinds: KINDS, leaseSeconds: LEASE, now: at(8001) });
    expect(takeover).toMatchObject({ id, attempts: 2 });
    expect(await heartbeatJob(ctx, { jobId: id, workerId: "A", leaseSeconds: LEASE, now: at(8002) })).toBe(false);
    expect(await completeJob(ctx, { jobId: id, workerId: "A" })).toBe(false);
    expect(await failJob(ctx, { jobId: id, workerId: "A", attempts: 1, maxAttempts: 3, errorCode: "x" })).toBe("lost");
    expect(await heartbeatJob(ctx, { jobId: id, workerId: "B", leaseSeconds: LEASE, now: at(9000) })).toBe(true);
    expect((await job(id)).locked_until).toBe(toDbTime(at(14_000)));
    expect(await completeJob(ctx, { jobId: id, workerId: "B" })).toBe(true);
    // The takeover's extra attempt says why it happened, even once the job is done.
    expect(await job(id)).toMatchObject({ state: "done", attempts: 2, last_error: "lease_expired" });
  });

  it("[OPS]: a job that failed and then succeeded still records why it was retried", async () => {
    const { id } = await enqueue("echo:flaky");
    await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now: T0 });
    await failJob(ctx, { jobId: id, workerId: "A", attempts: 1, maxAttempts: 3, errorCode: "SQLITE_BUSY", backoffBaseMs: 1000, now: T0, random: () => 1 });
    expect(await claimJob(ctx, { workerId: "B", kinds: KINDS, leaseSeconds: LEASE, now: at(1000) })).toMatchObject({ id, attempts: 2 });
    expect(await completeJob(ctx, { jobId: id, workerId: "B" })).toBe(true);
    expect(await job(id)).toMatchObject({ state: "done", attempts: 2, last_error: "SQLITE_BUSY", locked_by: null });
  });

  it("[OPS]: a job whose worker dies on its last attempt is dead-lettered, not retried forever", async () => {
    const { id } = await enqueue("echo:crashy");
    for (let i = 0; i < 3; i += 1) await claimJob(ctx, { workerId: `W${i}`, kinds: KINDS, leaseSeconds: LEASE, now: at(i * 10_000) });
    expect(await claimJob(ctx, { workerId: "W3", kinds: KINDS, leaseSeconds: LEASE, now: at(30_000) })).toBeNull();
    expect(await job(id)).toMatchObject({ state: "dead", attempts: 3, last_error: "lease_expired", locked_by: null });
  });

  it("[OPS]: a released job is queued again at once, and the interrupted run is not counted", async () => {
    const { id } = await enqueue("echo:release");
    await claimJob(ctx, { workerId: "A", kinds: KINDS, leaseSeconds: LEASE, now: T0 });
    expect(await releaseJob(ctx, { jobId: id, workerId: "B" })).toBe(false);
    expect(await releaseJob(ctx, { jobId: id, workerId: "A" })).toBe(true);
    expect(await job(id)).toMatchObject({ state: "queued", locked_by: null, locked_until: null, attempts: 0 });
    expect(await claimJob(ctx, { workerId: "B", kinds: KINDS, leaseSeconds: LEASE, now: at(1) })).toMatchObject({ id, attempts: 1 });
  });
});

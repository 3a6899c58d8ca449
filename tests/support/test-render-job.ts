/**
 * The test-only job kind `test_render`, registered by the worker processes of
 * tests/support/test-worker.ts (which run it) and by the test that enqueues it (which validates
 * its payload). It stands in for the report renderer: it records each run in `test_job_runs`
 * (a table the test creates), sleeps so that workers overlap, and stores the request's report
 * with the real storeReport, as render_disclosure does. storeReport's transaction reads before it
 * writes, the pattern that failed with SQLITE_BUSY when two workers shared a SQLite file (ADR 017);
 * a rerun replaces the report, so a request never has two.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { z } from "zod";
import { storeReport } from "../../server/delivery/store-report";
import { registerJobKind } from "../../server/jobs/registry";
import { nowDbTime } from "../../server/lib/clock";

const TestRenderPayload = z.strictObject({
  requestId: z.string(),
  /** How long the FIRST attempt sleeps: long for the job the test kills mid-run. */
  firstRunSleepMs: z.number().int().min(0).max(600_000),
});

export function registerTestRenderJob(): void {
  registerJobKind("test_render", {
    schema: TestRenderPayload,
    maxAttempts: 3,
    loadHandler: async () => async (ctx, payload: z.infer<typeof TestRenderPayload>, run) => {
      const startedAt = nowDbTime();
      await sql`insert into test_job_runs (job_id, attempt, pid, started_at) values (${run.jobId}, ${run.attempts}, ${process.pid}, ${startedAt})`.execute(ctx.db);
      await sleep(run.attempts === 1 ? payload.firstRunSleepMs : 50);
      await storeReport(ctx, { requestId: payload.requestId, format: "json", content: [JSON.stringify({ jobId: run.jobId })], expiresAt: new Date(Date.now() + 86_400_000) });
    },
  });
}

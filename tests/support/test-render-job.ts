/**
 * The test-only job kind `test_render`, registered by the worker processes of
 * tests/support/test-worker.ts (which run it) and by the test that enqueues it (which validates
 * its payload). It stands in for the report renderer: it records each run in `test_job_runs`
 * (a table the test creates), sleeps so that workers overlap, and writes one `reports` row per
 * request, guarded by the (request_id, format) unique index exactly as the real renderer is.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { z } from "zod";
import { registerJobKind } from "../../server/jobs/registry";
import { nowDbTime } from "../../server/lib/clock";
import { isUniqueViolation } from "../../server/lib/db-errors";
import { newId } from "../../server/lib/ids";

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
      try {
        await ctx.db
          .insertInto("reports")
          .values({
            id: newId(),
            request_id: payload.requestId,
            format: "json",
            storage: "database",
            storage_key: `test/${payload.requestId}`,
            sha256: "0".repeat(64),
            size_bytes: 0,
            created_at: startedAt,
            expires_at: startedAt,
            purged_at: null,
          })
          .execute();
      } catch (error) {
        // Already rendered by an earlier run: idempotent, nothing to do.
        if (!isUniqueViolation(error)) throw error;
      }
    },
  });
}

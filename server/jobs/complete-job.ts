import type { AppContext } from "../context";
import { nowDbTime } from "../lib/clock";
import { updateJobIfLeased } from "./jobs.repository";

/**
 * Marks a job done, if this worker still holds its lease. Returns false when another worker took
 * it over meanwhile; that worker's run will complete it (handlers are idempotent).
 * Done rows are kept: their idempotency keys are what make a second enqueue a no-op.
 * last_error is kept too: a done job with attempts > 1 still says why it needed them (ADR 017).
 */
export async function completeJob(ctx: AppContext, { jobId, workerId }: { jobId: string; workerId: string }): Promise<boolean> {
  return updateJobIfLeased(ctx.db, {
    id: jobId,
    workerId,
    now: nowDbTime(),
    changes: { state: "done", locked_by: null, locked_until: null },
  });
}

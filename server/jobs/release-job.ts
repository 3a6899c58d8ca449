import type { AppContext } from "../context";
import { nowDbTime } from "../lib/clock";
import { updateJobIfLeased } from "./jobs.repository";

/**
 * Hands a running job back to the queue at shutdown, so another worker can start it at once
 * instead of waiting for the lease to expire. The interrupted run does not count as an attempt:
 * a deploy is not the job's fault, and counting it would dead-letter slow jobs during rolling
 * restarts. Only while this worker still holds the lease.
 */
export async function releaseJob(ctx: AppContext, { jobId, workerId }: { jobId: string; workerId: string }): Promise<boolean> {
  return updateJobIfLeased(ctx.db, {
    id: jobId,
    workerId,
    now: nowDbTime(),
    changes: { state: "queued", locked_by: null, locked_until: null },
    releaseAttempt: true,
  });
}

import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { updateJobIfLeased } from "./jobs.repository";

/**
 * Pushes the lease forward while a long job runs (a report render can outlast one lease). Returns
 * false when the lease is no longer ours: another worker took the job over after our lease
 * expired, and the handler should stop at its next safe point.
 */
export async function heartbeatJob(
  ctx: AppContext,
  { jobId, workerId, leaseSeconds, now = new Date() }: { jobId: string; workerId: string; leaseSeconds: number; now?: Date },
): Promise<boolean> {
  return updateJobIfLeased(ctx.db, {
    id: jobId,
    workerId,
    now: toDbTime(now),
    changes: { locked_until: toDbTime(new Date(now.getTime() + leaseSeconds * 1000)) },
  });
}

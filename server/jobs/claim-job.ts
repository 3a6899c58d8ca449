import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import type { ClaimedJob } from "./job-types";
import { markExpiredJobDead, markJobClaimed, selectClaimCandidate } from "./jobs.repository";

export interface ClaimJobInput {
  /** Unique per worker process; the lease is held in its name. */
  workerId: string;
  /** Only these kinds: a worker never claims a job it cannot run. */
  kinds: readonly string[];
  leaseSeconds: number;
  /** For tests of leases and backoff; default the real time. */
  now?: Date;
}

/**
 * Leases the next runnable job to this worker, or returns null when there is none.
 *
 * MySQL/MariaDB: the candidate is read with FOR UPDATE SKIP LOCKED in a transaction, so any number
 * of workers claim in parallel and never get the same row. SQLite: runInWriteTransaction holds the
 * single write lock (across processes too), and the UPDATE re-checks the claim condition.
 * Either way `attempts` is counted at claim time, so a run that crashed still counts.
 *
 * A job whose lease expired is taken over (its worker died, DESIGN.md §7 "nothing is lost on a
 * crash"), unless it already used its last attempt: then it is dead-lettered, since a job that
 * kills its worker every time would otherwise loop forever.
 */
export async function claimJob(ctx: AppContext, input: ClaimJobInput): Promise<ClaimedJob | null> {
  if (input.kinds.length === 0) return null;
  const nowDate = input.now ?? new Date();
  const now = toDbTime(nowDate);
  const lockedUntil = toDbTime(new Date(nowDate.getTime() + input.leaseSeconds * 1000));

  return runInWriteTransaction(ctx, async (tx) => {
    // Bounded: each pass either returns or dead-letters one expired job.
    for (let pass = 0; pass < 10; pass += 1) {
      const job = await selectClaimCandidate(tx.db, tx.dialect, { kinds: input.kinds, now });
      if (!job) return null;
      if (job.state === "running" && job.attempts >= job.max_attempts) {
        await markExpiredJobDead(tx.db, { id: job.id, now });
        ctx.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts }, "job dead: lease expired on its last attempt");
        continue;
      }
      const takeover = job.state === "running";
      if (!(await markJobClaimed(tx.db, { id: job.id, workerId: input.workerId, now, lockedUntil, lastError: takeover ? "lease_expired" : undefined }))) continue;
      if (takeover) ctx.logger.warn({ jobId: job.id, kind: job.kind, previousWorker: job.locked_by }, "job lease expired; taking over");
      return {
        id: job.id,
        kind: job.kind,
        payload: job.payload,
        attempts: job.attempts + 1,
        maxAttempts: job.max_attempts,
        lockedUntil,
      };
    }
    return null;
  });
}

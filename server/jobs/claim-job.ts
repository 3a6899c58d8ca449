import type { JobRow } from "../../db/schema";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { isDeadlock } from "../lib/db-errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import type { ClaimedJob } from "./job-types";
import { findJobLeasedAt, leaseNextQueuedJob, markExpiredJobDead, markJobClaimed, selectClaimCandidate } from "./jobs.repository";

export interface ClaimJobInput {
  /** Unique per worker process; the lease is held in its name. */
  workerId: string;
  /** Only these kinds: a worker never claims a job it cannot run. */
  kinds: readonly string[];
  leaseSeconds: number;
  /**
   * Look for jobs whose lease expired (default true). The worker loop looks only every quarter
   * lease: expiry is rare (a worker died), and the look costs a query on every claim (ADR 053).
   */
  expiredLeases?: boolean;
  /** For tests of leases and backoff; default the real time. */
  now?: Date;
}

/**
 * Leases the next runnable job to this worker, or returns null when there is none.
 *
 * A job whose lease expired is taken over first (its worker died, DESIGN.md §7 "nothing is lost
 * on a crash"), unless it already used its last attempt: then it is dead-lettered, since a job
 * that kills its worker every time would otherwise loop forever. Then the oldest due queued job:
 * - MySQL/MariaDB: one autocommitted UPDATE ... ORDER BY run_at LIMIT 1 and a read of the row it
 *   leased: 2 round trips, 1 when the queue is empty (ADR 053; a transaction with locking reads
 *   cost 5 and 4). Takeovers keep the transaction with FOR UPDATE SKIP LOCKED.
 * - SQLite: runInWriteTransaction holds the single write lock (across processes too), and the
 *   UPDATE re-checks the claim condition. Statements are in-process calls there, not round trips.
 * Either way `attempts` is counted at claim time, so a run that crashed still counts.
 */
export async function claimJob(ctx: AppContext, input: ClaimJobInput): Promise<ClaimedJob | null> {
  if (input.kinds.length === 0) return null;
  const nowDate = input.now ?? new Date();
  const now = toDbTime(nowDate);
  const lockedUntil = toDbTime(new Date(nowDate.getTime() + input.leaseSeconds * 1000));
  const expired = input.expiredLeases !== false;
  const mysql = ctx.dialect === "mysql";

  if (expired || !mysql) {
    const job = await claimInTransaction(ctx, input, { now, lockedUntil, expired, queued: !mysql });
    if (job || !mysql) return job;
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (!(await leaseNextQueuedJob(ctx.db, { kinds: input.kinds, workerId: input.workerId, now, lockedUntil }))) return null;
      break;
    } catch (error) {
      // A deadlock victim's UPDATE was rolled back whole: nothing was leased, so simply try again.
      if (!isDeadlock(error) || attempt >= 3) throw error;
    }
  }
  const job = await findJobLeasedAt(ctx.db, { kinds: input.kinds, workerId: input.workerId, lockedUntil });
  // Not expected; if it happens the job is not lost: its lease ends and another claim takes it over.
  if (!job) ctx.logger.error({ workerId: input.workerId }, "leased a job but could not read it back");
  return job ? toClaimed(job, lockedUntil) : null;
}

async function claimInTransaction(
  ctx: AppContext,
  input: ClaimJobInput,
  { now, lockedUntil, expired, queued }: { now: string; lockedUntil: string; expired: boolean; queued: boolean },
): Promise<ClaimedJob | null> {
  return runInWriteTransaction(ctx, async (tx) => {
    // Bounded: each pass either returns or dead-letters one expired job.
    for (let pass = 0; pass < 10; pass += 1) {
      const job = await selectClaimCandidate(tx.db, tx.dialect, { kinds: input.kinds, now, expired, queued });
      if (!job) return null;
      if (job.state === "running" && job.attempts >= job.max_attempts) {
        await markExpiredJobDead(tx.db, { id: job.id, now });
        ctx.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts }, "job dead: lease expired on its last attempt");
        continue;
      }
      const takeover = job.state === "running";
      if (!(await markJobClaimed(tx.db, { id: job.id, workerId: input.workerId, now, lockedUntil, lastError: takeover ? "lease_expired" : undefined }))) continue;
      if (takeover) ctx.logger.warn({ jobId: job.id, kind: job.kind, previousWorker: job.locked_by }, "job lease expired; taking over");
      return toClaimed({ ...job, attempts: job.attempts + 1 }, lockedUntil);
    }
    return null;
  });
}

/** `job` as it is after the claim (attempts already counted). */
function toClaimed(job: JobRow, lockedUntil: string): ClaimedJob {
  return { id: job.id, kind: job.kind, payload: job.payload, attempts: job.attempts, maxAttempts: job.max_attempts, lockedUntil };
}

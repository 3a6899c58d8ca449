import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { computeBackoffMs } from "./compute-backoff";
import { updateJobIfLeased } from "./jobs.repository";

export interface FailJobInput {
  jobId: string;
  workerId: string;
  attempts: number;
  maxAttempts: number;
  /** An error code from errorCode(): never a message, which may quote personal data. */
  errorCode: string;
  /** Retrying cannot help (e.g. a payload its schema rejects): dead-letter now. */
  permanent?: boolean;
  backoffBaseMs?: number;
  now?: Date;
  random?: () => number;
}

export type FailOutcome = "retry" | "dead" | "lost";

/**
 * Records a failed run: back to the queue after an exponential, jittered delay, or dead once
 * `maxAttempts` runs have failed. "lost" when the lease was no longer ours (nothing written).
 */
export async function failJob(ctx: AppContext, input: FailJobInput): Promise<FailOutcome> {
  const now = input.now ?? new Date();
  const isDead = input.permanent === true || input.attempts >= input.maxAttempts;
  const delay = computeBackoffMs({ attempts: input.attempts, baseMs: input.backoffBaseMs, random: input.random });
  const updated = await updateJobIfLeased(ctx.db, {
    id: input.jobId,
    workerId: input.workerId,
    now: toDbTime(now),
    changes: {
      state: isDead ? "dead" : "queued",
      run_at: isDead ? undefined : toDbTime(new Date(now.getTime() + delay)),
      locked_by: null,
      locked_until: null,
      last_error: input.errorCode.slice(0, 200),
    },
  });
  if (!updated) return "lost";
  return isDead ? "dead" : "retry";
}

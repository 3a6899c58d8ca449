import type { z } from "zod";
import type { AppContext } from "../context";

/** What a handler learns about the run it is part of. */
export interface JobRunContext {
  jobId: string;
  /** 1 on the first run; a retry or a lease takeover after a crash counts up. */
  attempts: number;
  /** Aborted when the worker loses the lease or is stopping: stop at the next safe point. */
  signal: AbortSignal;
}

/**
 * Does one job's work. Must be idempotent: a job can run again after a crash, a lost lease or a
 * retry, so a second run must find the work done (unique keys, state checks) and change nothing
 * (style-models §7 rule 11; DESIGN.md §7 "jobs are idempotent").
 */
export type JobHandler<P> = (ctx: AppContext, payload: P, run: JobRunContext) => Promise<void>;

export interface JobDefinition<P = any> {
  /** Checked at enqueue and again at run (the row may predate a schema change). */
  schema: z.ZodType<P>;
  /** After this many runs the job is dead-lettered (state "dead") for an operator to look at. */
  maxAttempts: number;
  /** First retry delay; it doubles each attempt (see compute-backoff.ts). Default 30 s. */
  backoffBaseMs?: number;
}

/** A job a service asks to enqueue in its own transaction (e.g. the mail that follows a transition). */
export interface JobToEnqueue {
  kind: string;
  payload: unknown;
  /** Unique per unit of work, e.g. "send_mail:request_extended:<requestId>": enqueueing it twice is a no-op. */
  idempotencyKey: string;
  /** Earliest start; default now. */
  runAt?: Date;
}

/** A job this worker has leased. */
export interface ClaimedJob {
  id: string;
  kind: string;
  /** Raw JSON text, parsed with the kind's schema by the worker. */
  payload: string;
  attempts: number;
  maxAttempts: number;
  lockedUntil: string;
}

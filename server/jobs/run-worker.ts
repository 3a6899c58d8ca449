import os from "node:os";
import type { AppContext } from "../context";
import { errorCode } from "../lib/errors";
import { newId } from "../lib/ids";
import { claimJob } from "./claim-job";
import { completeJob } from "./complete-job";
import { failJob } from "./fail-job";
import { heartbeatJob } from "./heartbeat-job";
import type { ClaimedJob } from "./job-types";
import { getRunnableJob, listJobKinds } from "./registry";
import { releaseJob } from "./release-job";
import { schedulePeriodicJobs } from "./schedule-periodic-jobs";

export interface RunWorkerOptions {
  /** Kinds to claim; default every kind registered when the worker starts. */
  kinds?: readonly string[];
  /** Wait between polls when the queue is empty. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Default env.JOB_LEASE_SECONDS. */
  leaseSeconds?: number;
  /** Enqueue the periodic sweeps this worker runs (schedule-periodic-jobs.ts). Default true. */
  schedulePeriodic?: boolean;
}

export interface WorkerHandle {
  workerId: string;
  /**
   * Stops claiming, waits up to `timeoutMs` (default 30 s) for the running job, then releases it
   * back to the queue so another worker starts it at once instead of after the lease.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

const SCHEDULE_EVERY_MS = 60_000;

/**
 * The job loop of `npm run worker` and of the in-process worker: claim, run the handler while a
 * heartbeat keeps the lease, then complete or fail (backoff, dead letter). One job at a time per
 * worker; run more processes for more throughput (DESIGN.md §6). Never throws: errors are logged
 * by code and the loop goes on.
 */
export function runWorker(ctx: AppContext, options: RunWorkerOptions = {}): WorkerHandle {
  const workerId = `${os.hostname().slice(0, 30)}:${process.pid}:${newId().slice(0, 8)}`;
  const kinds = options.kinds ?? listJobKinds();
  const pollMs = options.pollIntervalMs ?? 1000;
  const leaseSeconds = options.leaseSeconds ?? ctx.env.JOB_LEASE_SECONDS;
  let stopping = false;
  let wake: (() => void) | undefined;
  let current: { job: ClaimedJob; abort: AbortController } | undefined;

  const idle = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function runOne(job: ClaimedJob): Promise<void> {
    const abort = new AbortController();
    current = { job, abort };
    const beat = setInterval(() => {
      heartbeatJob(ctx, { jobId: job.id, workerId, leaseSeconds })
        .then((held) => held || abort.abort())
        .catch((error: unknown) => ctx.logger.warn({ jobId: job.id, errorCode: errorCode(error) }, "job heartbeat failed"));
    }, Math.max(1000, (leaseSeconds * 1000) / 3));
    const definition = getRunnableJob(job.kind)!;
    try {
      const payload = definition.schema.safeParse(JSON.parse(job.payload));
      if (!payload.success) {
        await failJob(ctx, { jobId: job.id, workerId, attempts: job.attempts, maxAttempts: job.maxAttempts, errorCode: "invalid_payload", permanent: true });
        ctx.logger.error({ jobId: job.id, kind: job.kind }, "job payload invalid; dead-lettered");
        return;
      }
      const handler = await definition.loadHandler();
      await handler(ctx, payload.data, { jobId: job.id, attempts: job.attempts, signal: abort.signal });
      if (await completeJob(ctx, { jobId: job.id, workerId })) ctx.logger.debug({ jobId: job.id, kind: job.kind }, "job done");
      else ctx.logger.warn({ jobId: job.id, kind: job.kind }, "job lease lost before completion; its new owner finishes it");
    } catch (error) {
      const code = errorCode(error);
      const outcome = await failJob(ctx, {
        jobId: job.id,
        workerId,
        attempts: job.attempts,
        maxAttempts: job.maxAttempts,
        errorCode: code,
        backoffBaseMs: definition.backoffBaseMs,
      }).catch(() => "unrecorded");
      // Logged as errorCode: the logger redacts any `code` key (verification codes), which hid these.
      ctx.logger.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, errorCode: code, outcome }, "job failed");
    } finally {
      clearInterval(beat);
      current = undefined;
    }
  }

  const loop = (async () => {
    let lastScheduled = 0;
    while (!stopping) {
      try {
        if (options.schedulePeriodic !== false && Date.now() - lastScheduled >= SCHEDULE_EVERY_MS) {
          lastScheduled = Date.now();
          await schedulePeriodicJobs(ctx, { kinds });
        }
        const job = await claimJob(ctx, { workerId, kinds, leaseSeconds });
        if (job && stopping) await releaseJob(ctx, { jobId: job.id, workerId });
        else if (job) {
          await runOne(job);
          continue;
        }
      } catch (error) {
        ctx.logger.error({ workerId, errorCode: errorCode(error) }, "worker loop error");
      }
      if (!stopping) await idle(pollMs);
    }
  })();
  ctx.logger.info({ workerId, kinds, leaseSeconds }, "worker started");

  return {
    workerId,
    async stop({ timeoutMs = 30_000 } = {}) {
      stopping = true;
      wake?.();
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([loop.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
      clearTimeout(timer);
      const running = current;
      if (!finished && running) {
        running.abort.abort();
        const released = await releaseJob(ctx, { jobId: running.job.id, workerId }).catch(() => false);
        ctx.logger.warn({ jobId: running.job.id, kind: running.job.kind, released }, "worker stopped before the job finished; released it");
      }
      ctx.logger.info({ workerId }, "worker stopped");
    },
  };
}

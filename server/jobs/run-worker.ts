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
  /** Kinds to claim; default every kind with a handler when the worker starts. */
  kinds?: readonly string[];
  /** Wait between polls when the queue is empty. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Default env.JOB_LEASE_SECONDS. */
  leaseSeconds?: number;
  /** Enqueue the periodic sweeps this worker runs (schedule-periodic-jobs.ts). Default true. */
  schedulePeriodic?: boolean;
  /**
   * Load every handler before the first claim (`npm run worker`, which runs them all anyway), so
   * the first jobs do not wait for module loading while they hold a lease. Default false: the
   * in-process worker of the web server loads a handler's modules only when it first runs one.
   */
  preloadHandlers?: boolean;
}

export interface WorkerHandle {
  workerId: string;
  /**
   * Stops claiming, waits up to `timeoutMs` (default 30 s) for the running jobs, then releases them
   * back to the queue so another worker starts them at once instead of after the lease.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

const SCHEDULE_EVERY_MS = 60_000;
/**
 * After a job, an empty lane looks again after 50 ms, then 100, 200... up to the poll interval: the
 * next step of a request is often enqueued by another worker process a moment later (collect ->
 * render), which a plain poll would leave waiting up to a whole interval while cores sit idle. An
 * idle worker still polls at the interval, and an empty claim is one statement (ADR 053).
 */
const QUICK_POLL_MS = 50;

/**
 * Kinds whose work runs in another process (the render pool, ADR 047): they get a lane of their
 * own, so a render in progress never holds up a collection, a mail or a callback.
 */
const OUT_OF_PROCESS_KINDS = new Set(["render_disclosure"]);

/**
 * The job loop of `npm run worker` and of the in-process worker: claim, run the handler while a
 * heartbeat keeps the lease, then complete or fail (backoff, dead letter). Two lanes, each one job
 * at a time: rendering (done by a render process) and everything else (done here), so one worker
 * keeps a render process and its own thread busy at once; run more processes for more throughput
 * (DESIGN.md §6). Never throws: errors are logged by code and the loops go on.
 */
export function runWorker(ctx: AppContext, options: RunWorkerOptions = {}): WorkerHandle {
  const workerId = `${os.hostname().slice(0, 30)}:${process.pid}:${newId().slice(0, 8)}`;
  const kinds = options.kinds ?? listJobKinds();
  const pollMs = options.pollIntervalMs ?? 1000;
  const leaseSeconds = options.leaseSeconds ?? ctx.env.JOB_LEASE_SECONDS;
  let stopping = false;
  const wakers = new Set<() => void>();
  const running = new Map<string, { job: ClaimedJob; abort: AbortController }>();

  const idle = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  async function runOne(job: ClaimedJob): Promise<void> {
    const abort = new AbortController();
    running.set(job.id, { job, abort });
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
      running.delete(job.id);
    }
  }

  // A dead worker's job is looked for every quarter lease, not on every claim (a query per claim
  // for a rare event, ADR 053): it is taken over at most a quarter lease after its lease ends.
  const expiredEveryMs = (leaseSeconds * 1000) / 4;

  async function runLane(laneKinds: readonly string[], schedules: boolean): Promise<void> {
    let lastScheduled = 0;
    let lastExpiredLook = 0;
    let nextWaitMs = pollMs;
    while (!stopping) {
      try {
        if (schedules && Date.now() - lastScheduled >= SCHEDULE_EVERY_MS) {
          lastScheduled = Date.now();
          await schedulePeriodicJobs(ctx, { kinds });
        }
        const expiredLeases = Date.now() - lastExpiredLook >= expiredEveryMs;
        if (expiredLeases) lastExpiredLook = Date.now();
        const job = await claimJob(ctx, { workerId, kinds: laneKinds, leaseSeconds, expiredLeases });
        if (job && stopping) await releaseJob(ctx, { jobId: job.id, workerId });
        else if (job) {
          await runOne(job);
          // The job may have enqueued the next step for another lane (collect -> render): look now.
          for (const wake of [...wakers]) wake();
          nextWaitMs = Math.min(QUICK_POLL_MS, pollMs);
          continue;
        }
      } catch (error) {
        ctx.logger.error({ workerId, errorCode: errorCode(error) }, "worker loop error");
      }
      if (!stopping) await idle(nextWaitMs);
      nextWaitMs = Math.min(nextWaitMs * 2, pollMs);
    }
  }

  const lanes = [kinds.filter((k) => OUT_OF_PROCESS_KINDS.has(k)), kinds.filter((k) => !OUT_OF_PROCESS_KINDS.has(k))].filter((lane) => lane.length > 0);
  const ready = options.preloadHandlers ? Promise.all(kinds.map((kind) => getRunnableJob(kind)?.loadHandler())).catch((error: unknown) => ctx.logger.error({ errorCode: errorCode(error) }, "handler preload failed")) : Promise.resolve();
  const loop = ready.then(() => Promise.all(lanes.map((lane, i) => runLane(lane, i === lanes.length - 1 && options.schedulePeriodic !== false))));
  ctx.logger.info({ workerId, kinds, leaseSeconds }, "worker started");

  return {
    workerId,
    async stop({ timeoutMs = 30_000 } = {}) {
      stopping = true;
      for (const wake of [...wakers]) wake();
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([loop.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))]);
      clearTimeout(timer);
      if (!finished) {
        for (const { job, abort } of [...running.values()]) {
          abort.abort();
          const released = await releaseJob(ctx, { jobId: job.id, workerId }).catch(() => false);
          ctx.logger.warn({ jobId: job.id, kind: job.kind, released }, "worker stopped before the job finished; released it");
        }
      }
      ctx.logger.info({ workerId }, "worker stopped");
    },
  };
}

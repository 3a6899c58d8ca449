import type { AppContext } from "../context";
import { enqueueJob } from "./enqueue-job";

/**
 * Sweeps every worker schedules. Each run is keyed by its time bucket ("kind:<bucket start>"), so
 * however many workers call this in the same interval, the bucket's job is enqueued once.
 */
export const PERIODIC_JOBS: readonly { kind: string; everySeconds: number }[] = [
  // X19 denials must land on the due date itself (see compute-denial-cutoff.ts): check often.
  { kind: "deny_unverified_overdue", everySeconds: 15 * 60 },
  // Reminders are once a day per request; hourly runs make a missed run cost an hour, not a day.
  { kind: "deadline_reminders", everySeconds: 60 * 60 },
  // Retention (report files after their window, 24-month records, rate-limit counters).
  { kind: "retention_sweep", everySeconds: 60 * 60 },
];

/**
 * Enqueues the current bucket's sweep for each periodic kind this worker runs. Returns how many
 * were new (0 when another worker already scheduled this bucket).
 */
export async function schedulePeriodicJobs(
  ctx: AppContext,
  { kinds, now = new Date() }: { kinds: readonly string[]; now?: Date },
): Promise<number> {
  let created = 0;
  for (const { kind, everySeconds } of PERIODIC_JOBS) {
    if (!kinds.includes(kind)) continue;
    const periodMs = everySeconds * 1000;
    const bucket = new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString();
    const result = await enqueueJob(ctx, { kind, payload: { bucket }, idempotencyKey: `${kind}:${bucket}` });
    if (result.created) created += 1;
  }
  return created;
}

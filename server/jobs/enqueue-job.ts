import type { AppContext } from "../context";
import { nowDbTime, toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import type { JobToEnqueue } from "./job-types";
import { findJobIdByKey, insertJobUnlessExists } from "./jobs.repository";
import { getJobDefinition } from "./job-definitions";

/** The idempotency_key column is varchar(191): the longest utf8mb4 key MySQL indexes in full. */
const KEY = /^[A-Za-z0-9_.:-]{1,191}$/;

/**
 * Adds a job in the caller's transaction (pass the transaction's context), so the job exists if
 * and only if the change that asked for it is committed. Enqueueing a key that already exists is
 * a no-op on both dialects and returns the existing job's id with `created: false`.
 *
 * The payload is validated with the kind's schema here, and again when the job runs.
 */
export async function enqueueJob(ctx: AppContext, job: JobToEnqueue): Promise<{ id: string; created: boolean }> {
  const definition = getJobDefinition(job.kind);
  if (!definition) throw new AppError("unknown_job_kind", { kind: job.kind.slice(0, 64) });
  const parsed = definition.schema.safeParse(job.payload);
  if (!parsed.success) throw new AppError("validation", { fields: parsed.error.issues.map((i) => `payload.${i.path.join(".")}`) });
  if (!KEY.test(job.idempotencyKey)) throw new AppError("validation", { fields: ["idempotencyKey"] });

  const now = nowDbTime();
  const id = newId();
  return runInWriteTransaction(ctx, async (tx) => {
    const created = await insertJobUnlessExists(tx.db, tx.dialect, {
      id,
      kind: job.kind,
      payload: JSON.stringify(parsed.data),
      state: "queued",
      idempotency_key: job.idempotencyKey,
      attempts: 0,
      max_attempts: definition.maxAttempts,
      run_at: job.runAt ? toDbTime(job.runAt) : now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    });
    // The app made the id: read back only when the key was already taken (ADR 055).
    if (created) return { id, created: true };
    const existing = await findJobIdByKey(tx.db, job.idempotencyKey);
    if (!existing) throw new Error("job row missing after insert");
    return { id: existing, created: false };
  });
}

import type { AppContext } from "../../context";
import { purgeExpiredReports } from "../../delivery/purge-expired-reports";
import { isAppError } from "../../lib/errors";
import { sweepCrashLeftovers } from "../../pipeline/sweep-crash-leftovers";
import { purgeOldRequestRecords } from "../../records/purge-old-request-records";
import { SYSTEM_ACTOR } from "../../requests/request-fields.shared";
import { listDeliveredWithoutLiveReports } from "../../requests/requests.repository";
import { transitionRequest } from "../../requests/transition-request";
import { purgeSignInThrottles } from "../../sign-in-throttle/purge-sign-in-throttles";
import { purgeRateLimitHits } from "../../verification/purge-rate-limit-hits";
import type { SweepPayload } from "../job-payloads";
import type { JobRunContext } from "../job-types";

/**
 * Retention, once an hour: disclosure files whose window ended are deleted (the request record
 * stays), such requests move from delivered to expired, request records older than 24 months after
 * completion are deleted (11 CCR 7101(b)), spent rate-limit and sign-in counters go, and crash leftovers under
 * DATA_DIR are removed (sweep-crash-leftovers.ts). Every step is
 * idempotent, so overlapping or repeated runs change nothing more.
 */
export async function handleRetentionSweep(ctx: AppContext, _payload: SweepPayload, run: JobRunContext): Promise<void> {
  const now = new Date();
  await purgeExpiredReports(ctx, { now });
  for (const request of await listDeliveredWithoutLiveReports(ctx.db, { limit: 500 })) {
    if (run.signal.aborted) return;
    try {
      await transitionRequest(ctx, { requestId: request.id, to: "expired", actor: SYSTEM_ACTOR, expectedVersion: request.version, now });
    } catch (error) {
      // Someone else moved it meanwhile; the next run looks again.
      if (!isAppError(error, "conflict")) throw error;
    }
  }
  await purgeOldRequestRecords(ctx, { now });
  await purgeRateLimitHits(ctx, { now });
  await purgeSignInThrottles(ctx, { now });
  // What killed processes left under DATA_DIR (render folders, finished spools, temp files).
  await sweepCrashLeftovers(ctx, { now });
}

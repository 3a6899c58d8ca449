import type { AppContext } from "../../context";
import { isAppError } from "../../lib/errors";
import { computeDenialCutoff } from "../../requests/compute-denial-cutoff";
import { SYSTEM_ACTOR } from "../../requests/request-fields.shared";
import { listUnverifiedDueBefore } from "../../requests/requests.repository";
import { transitionRequest } from "../../requests/transition-request";
import { buildMailJob, REQUEST_NOTICES, type SweepPayload } from "../job-payloads";
import type { JobRunContext } from "../job-types";

const PAGE = 100;
const MAX_PAGES = 20;

/**
 * X19 / R10: a request still unverified on its due date (the extended one if set) is denied as
 * "unverifiable" by the system, and the consumer gets the M-UNV notice (11 CCR 7021(b),
 * 7024(a)-(b)). The clock was never paused, and there is no silent extension.
 *
 * Idempotent: a denied request is no longer a candidate, and the notice job's key is per request.
 * A request that a consumer verifies at the same moment loses nothing: the optimistic lock turns
 * our denial into a conflict, and it is skipped. Anything left over goes to the next sweep.
 */
export async function handleDenyUnverifiedOverdue(ctx: AppContext, payload: SweepPayload, run: JobRunContext): Promise<void> {
  const dueBefore = computeDenialCutoff(new Date());
  let denied = 0;
  for (let page = 0; page < MAX_PAGES && !run.signal.aborted; page += 1) {
    const candidates = await listUnverifiedDueBefore(ctx.db, { dueBefore, limit: PAGE });
    let progressed = 0;
    for (const request of candidates) {
      if (run.signal.aborted) break;
      try {
        await transitionRequest(ctx, {
          requestId: request.id,
          to: "denied",
          actor: SYSTEM_ACTOR,
          denialReason: "unverifiable",
          expectedVersion: request.version,
          jobs: [buildMailJob(REQUEST_NOTICES.unverifiable, request.id)],
        });
        denied += 1;
        progressed += 1;
      } catch (error) {
        if (!isAppError(error, "conflict") && !isAppError(error, "illegal_transition")) throw error;
      }
    }
    if (candidates.length < PAGE || progressed === 0) break;
  }
  if (denied) ctx.logger.info({ denied, bucket: payload.bucket }, "unverified requests denied on their due date");
}

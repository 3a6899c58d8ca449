import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { buildMailJob, REQUEST_NOTICES } from "../jobs/job-payloads";
import type { DenialReason } from "../requests/request-states.shared";
import { transitionRequest } from "../requests/transition-request";

/**
 * The denial codes a reviewer picks from. agent_unauthorized and consumer_refused come from the
 * agent-confirmation flow, not from a reviewer's judgement, so they are not offered here.
 */
export const OPS_DENIAL_REASONS = ["unverifiable", "not_a_consumer", "exempt", "too_many_requests", "other"] as const satisfies readonly DenialReason[];
export type OpsDenialReason = (typeof OPS_DENIAL_REASONS)[number];

export interface DenyRequestInput {
  requestId: string;
  staffId: string;
  denialReason: OpsDenialReason;
  /** Written reason, kept with the request event; for "other" it is the text the consumer reads. */
  reason: string;
  /** The version the reviewer saw: a request changed since then is a conflict, never overwritten. */
  expectedVersion: number;
}

/**
 * A reviewer denies a request with a coded reason and a written one (1798.145(h)(2); R35, R36),
 * and the consumer's notice is queued in the same transaction: M-UNV-* for "unverifiable"
 * (11 CCR 7024(a)-(b); R10, R34), otherwise the denial notice with the plain-language basis and
 * how to ask for reconsideration. The code feeds the 7102(a) denial buckets.
 *
 * Throws AppError: validation (unknown code), plus transitionRequest's not_found, conflict,
 * illegal_transition, reason_required.
 */
export async function denyRequest(ctx: AppContext, input: DenyRequestInput): Promise<{ version: number }> {
  if (!(OPS_DENIAL_REASONS as readonly string[]).includes(input.denialReason)) throw new AppError("validation", { fields: ["denialReason"] });
  const notice = input.denialReason === "unverifiable" ? REQUEST_NOTICES.unverifiable : "request_denied";
  const result = await transitionRequest(ctx, {
    requestId: input.requestId,
    to: "denied",
    actor: { kind: "staff", id: input.staffId },
    denialReason: input.denialReason,
    reason: input.reason,
    expectedVersion: input.expectedVersion,
    jobs: [buildMailJob(notice, input.requestId)],
  });
  return { version: result.version };
}

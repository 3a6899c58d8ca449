import type { AppContext } from "../context";
import { buildMailJob, REQUEST_NOTICES } from "../jobs/job-payloads";
import { buildCollectJob } from "../pipeline/pipeline-jobs";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { transitionRequest } from "../requests/transition-request";
import type { SubmittedIdentity } from "../verification/data-points.shared";
import { matchDataPoints, type MatchDataPointsResult } from "../verification/match-data-points";
import { recordVerificationEvidence } from "../verification/record-verification-evidence";
import type { HeldIdentity } from "../verification/data-points.shared";

/**
 * A power-of-attorney request skips the consumer's own steps (11 CCR 7063(b); R22, X7): the
 * consumer is neither asked to confirm nor to verify. What still stands between an agent and a
 * stranger's data: the agent's authenticated account, the POA document that a reviewer checks
 * before release (REVIEW_REQUIRED includes "agent" by default), and the consumer's data points
 * the agent typed, matched against the business's records by the normal rules (7062). The e-mail
 * never counts as a point (nobody proved control of it); the agent's declaration under penalty of
 * perjury stands in for the consumer's for specific pieces (7062(c)). Runs inside the caller's
 * transaction; `held` was read before it (identity sources are outside the portal's database).
 */
export async function verifyPowerOfAttorneyRequest(
  tx: AppContext,
  input: { requestId: string; submitted: Omit<SubmittedIdentity, "emailVerified" | "declarationSigned">; held: HeldIdentity[]; agentName: string; now: Date },
): Promise<MatchDataPointsResult["outcome"]> {
  const submitted: SubmittedIdentity = { ...input.submitted, emailVerified: false, declarationSigned: true };
  const candidates = input.held.length > 0 ? input.held.map((h) => matchDataPoints(submitted, h)) : [matchDataPoints(submitted, { email: submitted.email })];
  const match = candidates.reduce((best, next) => (next.matched.length > best.matched.length ? next : best));
  const declaration = submitted.requestType === "specific" ? { typedName: input.agentName, signedAt: input.now } : undefined;
  await recordVerificationEvidence(tx, { requestId: input.requestId, matchedPoints: match.matched, level: match.level, declaration, now: input.now });
  if (match.outcome === "unverifiable") {
    await transitionRequest(tx, { requestId: input.requestId, to: "denied", denialReason: "unverifiable", actor: SYSTEM_ACTOR, jobs: [buildMailJob(REQUEST_NOTICES.unverifiable, input.requestId)], now: input.now });
  } else {
    const level = match.level === "reasonably_high" ? "reasonably_high" : "reasonable";
    await transitionRequest(tx, { requestId: input.requestId, to: "verified", verificationLevel: level, actor: SYSTEM_ACTOR, now: input.now });
    await transitionRequest(tx, { requestId: input.requestId, to: "collecting", actor: SYSTEM_ACTOR, jobs: [buildCollectJob(input.requestId)], now: input.now });
  }
  return match.outcome;
}

import { z } from "zod";
import { parseJsonColumn } from "../../db/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { buildMailJob, REQUEST_NOTICES } from "../jobs/job-payloads";
import { isAgentAuthorityEstablished } from "../agents/is-agent-authority-established";
import { AppError, isAppError } from "../lib/errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { buildCollectJob } from "../pipeline/pipeline-jobs";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import type { RequestState } from "../requests/request-states.shared";
import { findRequestById } from "../requests/requests.repository";
import { transitionRequest } from "../requests/transition-request";
import type { PostalAddress, SubmittedIdentity } from "./data-points.shared";
import { findIdentityRecord } from "./find-identity-record";
import { matchDataPoints, type MatchDataPointsResult } from "./match-data-points";
import { recordVerificationEvidence } from "./record-verification-evidence";

/**
 * What happens when a requester says they are NOT a California resident (R1; 1798.140(i)).
 * "process": answer anyway and record that we did (residency is not an identity check, and
 * answering costs less than arguing about it); "decline": deny as not_a_consumer with
 * M-NOT-CONSUMER. The business chooses with RESIDENCY_POLICY (server/env.ts; ADR 012, ADR 016).
 */
export const RESIDENCY_POLICIES = ["process", "decline"] as const;
export type ResidencyPolicy = (typeof RESIDENCY_POLICIES)[number];

const CompleteVerificationInputSchema = z.strictObject({
  requestId: z.string().regex(/^[0-9a-z]{26}$/),
  /** The caller holds a consumer session, which only an accepted e-mail code opens (ADR 003). */
  emailVerified: z.literal(true),
  /** 11 CCR 7062(c): the declaration under penalty of perjury, for specific pieces. */
  declaration: z
    .strictObject({ typedName: z.string().trim().min(1).max(200), accepted: z.literal(true), signedAt: z.date(), ip: z.string().max(64).nullable().optional() })
    .optional(),
  /** Overrides the business's RESIDENCY_POLICY setting (tests, tools); pages leave it unset. */
  residencyPolicy: z.enum(RESIDENCY_POLICIES).optional(),
  now: z.date().optional(),
});
export type CompleteVerificationInput = z.input<typeof CompleteVerificationInputSchema>;

export type CompleteVerificationResult =
  | { status: "verified" | "downgraded" | "unverifiable"; level: MatchDataPointsResult["level"]; message: MatchDataPointsResult["message"] }
  | { status: "not_a_consumer"; message: "M-NOT-CONSUMER" }
  /** Someone (another tab, the due-date sweep) already decided; nothing was changed. */
  | { status: "already_decided"; state: RequestState };

const OPEN_STATES: readonly string[] = ["received", "awaiting_verification"];

/**
 * Decides a web request's verification from the data points typed on the request form, matched
 * against the business's identity record (11 CCR 7062(b)-(c); R15, R16), and acts on it in ONE
 * transaction: the evidence (point names only), then
 * - verified, or downgraded (RTK-SP with only the categories standard, X1): -> verified at that
 *   level -> collecting with the collect job; the renderer turns a downgrade into a categories
 *   disclosure with M-UNV-SP (7062(f); 7024(a));
 * - unverifiable: -> denied "unverifiable" with the M-UNV-CAT notice (7024(b); X2). No record and
 *   no match give the same answer and do the same work (X25, X3).
 * A requester who says they are not a California resident follows the business's RESIDENCY_POLICY
 * (R1, X12): under "decline" nothing is matched and the request is denied as not_a_consumer.
 * Throws AppError("not_found") for an unknown request, ("validation") for malformed input.
 */
export async function completeVerification(ctx: AppContext, rawInput: CompleteVerificationInput): Promise<CompleteVerificationResult> {
  const parsed = CompleteVerificationInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new AppError("validation", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
  const input = parsed.data;
  const now = input.now ?? new Date();
  const request = await findRequestById(ctx.db, input.requestId);
  if (!request) throw new AppError("not_found");
  if (!OPEN_STATES.includes(request.state)) return { status: "already_decided", state: request.state as RequestState };
  // 7063(a): an agent's request waits until the consumer confirmed the agent (or a power of
  // attorney stands in for that); the data-point step cannot overtake it (server/agents, ADR 013).
  // A DRP agent's authority is attested by its directory-key signature (docs/drp.md), and here the
  // consumer is verifying directly, which 7063(a)(1) accepts in place of a confirmation.
  if (request.channel !== "drp" && !(await isAgentAuthorityEstablished(ctx, request))) return { status: "already_decided", state: request.state as RequestState };

  const nonResident = request.california_resident === 0;
  const residencyPolicy = input.residencyPolicy ?? ctx.env.RESIDENCY_POLICY;
  if (nonResident && residencyPolicy === "decline") {
    return decide(ctx, request.id, async (tx) => {
      // R1: the log shows the answer and the policy applied, next to the "not made by a consumer" denial (7102(a)(2)).
      await recordAuditEvent(tx, { actor: SYSTEM_ACTOR, action: "verification.residency_policy", requestId: request.id, details: { californiaResident: false, policy: "decline" }, now });
      await transitionRequest(tx, { requestId: request.id, to: "denied", denialReason: "not_a_consumer", actor: SYSTEM_ACTOR, expectedVersion: request.version, jobs: [buildMailJob("request_denied", request.id)], now });
      return { status: "not_a_consumer", message: "M-NOT-CONSUMER" };
    });
  }

  const submitted: SubmittedIdentity = {
    requestType: request.type === "specific" ? "specific" : "categories",
    email: request.subject_email,
    emailVerified: true,
    declarationSigned: input.declaration !== undefined,
    fullName: request.subject_name,
    phone: request.subject_phone,
    postalAddress: request.subject_address ? parseJsonColumn<PostalAddress>(request.subject_address) : null,
  };
  // No record: only the verified e-mail can count, which is never enough (>= 2 points), so an
  // unknown person is refused exactly like a known one who did not match.
  const held = await findIdentityRecord(ctx, { email: request.subject_email });
  const candidates = held.length > 0 ? held.map((h) => matchDataPoints(submitted, h)) : [matchDataPoints(submitted, { email: request.subject_email })];
  const match = candidates.reduce((best, next) => (next.matched.length > best.matched.length ? next : best));

  return decide(ctx, request.id, async (tx) => {
    const declaration = submitted.requestType === "specific" && input.declaration ? { typedName: input.declaration.typedName, signedAt: input.declaration.signedAt, ip: input.declaration.ip ?? null } : undefined;
    await recordVerificationEvidence(tx, { requestId: request.id, matchedPoints: match.matched, level: match.level, declaration, now });
    if (nonResident) {
      // R1: the log shows the answer and the policy applied, so a later "not made by a consumer" review has the facts.
      await recordAuditEvent(tx, { actor: SYSTEM_ACTOR, action: "verification.residency_policy", requestId: request.id, details: { californiaResident: false, policy: "process" }, now });
    }
    if (match.outcome === "unverifiable") {
      await transitionRequest(tx, { requestId: request.id, to: "denied", denialReason: "unverifiable", actor: SYSTEM_ACTOR, expectedVersion: request.version, jobs: [buildMailJob(REQUEST_NOTICES.unverifiable, request.id)], now });
    } else {
      const level = match.level === "reasonably_high" ? "reasonably_high" : "reasonable";
      await transitionRequest(tx, { requestId: request.id, to: "verified", verificationLevel: level, actor: SYSTEM_ACTOR, expectedVersion: request.version, now });
      await transitionRequest(tx, { requestId: request.id, to: "collecting", actor: SYSTEM_ACTOR, jobs: [buildCollectJob(request.id)], now });
    }
    ctx.logger.info({ requestId: request.id, outcome: match.outcome, verificationLevel: match.level, matchedCount: match.matched.length }, "verification completed");
    return { status: match.outcome, level: match.level, message: match.message };
  });
}

/** Runs the decision in one transaction; a lost race (another tab, the sweep) reports the winner's state. */
async function decide(ctx: AppContext, requestId: string, fn: (tx: AppContext) => Promise<CompleteVerificationResult>): Promise<CompleteVerificationResult> {
  try {
    return await runInWriteTransaction(ctx, fn);
  } catch (error) {
    if (!isAppError(error, "conflict") && !isAppError(error, "illegal_transition")) throw error;
    const current = await findRequestById(ctx.db, requestId);
    return { status: "already_decided", state: (current?.state ?? "received") as RequestState };
  }
}

import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { buildCollectJob } from "../pipeline/pipeline-jobs";
import { createRequest } from "../requests/create-request";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { transitionRequest } from "../requests/transition-request";
import type { DataPointName } from "../verification/data-points.shared";
import { findIdentityRecord } from "../verification/find-identity-record";
import { matchDataPoints, type MatchDataPointsResult } from "../verification/match-data-points";
import { recordVerificationEvidence } from "../verification/record-verification-evidence";
import { replayRefusal, verifySignedMessage, type ReplayMark } from "./accept-signed-message";
import { isDrpMessageSeen, markDrpMessageSeen } from "./drp-replays.repository";
import { DrpError } from "./drp-error";
import type { DrpCaller } from "./authenticate-drp-agent";
import { findDrpRequestByAgentRequestId, insertDrpRequest } from "./drp-requests.repository";
import { parseExerciseClaims, type ExerciseClaims } from "./drp-exercise-claims";
import type { DrpStatus } from "./drp-status.shared";
import { getDrpStatus } from "./get-drp-status";

/**
 * POST /v1/data-rights-request (DRP 1.0 §2.01): a signed "access" request from an authenticated
 * agent becomes a Right to Know request (categories, 1798.110) in the one lifecycle every channel
 * shares, and the answer is its status.
 *
 * Verification follows the business's policy (11 CCR 7062(b), R15): the agent's claims count as
 * data points matched against the identity record, but an e-mail, phone or address counts only
 * when the agent marks it *_verified (its signature attests that, DRP 1.0 §3.01); a name counts as
 * on the web form. Two matching points verify the request and collection starts at once. Anything
 * less is not a denial: the request waits in awaiting_verification, the status says
 * need_user_verification, and the consumer finishes at the portal's own verification page (e-mail
 * code, then the data points step), or the X19 sweep denies it on the due date.
 *
 * An agent-request-id the agent already used returns that request's status: no second request.
 */
export async function submitDrpRequest(ctx: AppContext, input: { caller: DrpCaller; body: string; now?: Date }): Promise<DrpStatus> {
  const now = input.now ?? new Date();
  const { agent, entry } = input.caller;
  const { claims: raw, replay } = verifySignedMessage(ctx, { body: input.body, agent: { drpAgentId: entry.id, verifyKey: entry.verify_key }, now });
  // A body already acted on is refused as before; the marker itself is written with the request.
  if (await isDrpMessageSeen(ctx.db, replay)) throw replayRefusal({});
  const claims = parseExerciseClaims(raw, { isProduction: ctx.env.isProduction });
  const existing = async () => {
    const earlier = claims.agentRequestId ? await findDrpRequestByAgentRequestId(ctx.db, agent.id, claims.agentRequestId) : undefined;
    return earlier ? getDrpStatus(ctx, { caller: input.caller, requestId: earlier.request_id }) : null;
  };
  const earlier = await existing();
  if (earlier) return earlier;
  // Outside the write transaction: the identity source may be a remote system.
  const match = await matchClaims(ctx, claims);
  const actor = { kind: "drp_agent" as const, id: agent.id };

  let requestId: string;
  try {
    requestId = await runInWriteTransaction(ctx, (tx) => createDrpRequestRows(tx, { claims, match, actor, agentId: agent.id, replay, now }));
  } catch (error) {
    if (error instanceof DrpError) throw error;
    // Simultaneous submissions with one agent-request-id (issue 16 item 9): the losers' inserts
    // hit the unique key (or a deadlock) and roll back, replay marker included; they answer with
    // the winner's status, as a later resend would.
    const winner = await existing();
    if (winner) return winner;
    throw error;
  }
  ctx.logger.info({ requestId, agentId: agent.id, outcome: match.outcome, matchedCount: match.matched.length }, "DRP request received");
  return getDrpStatus(ctx, { caller: input.caller, requestId });
}

interface DrpRequestRows {
  claims: ExerciseClaims;
  match: MatchDataPointsResult;
  actor: { kind: "drp_agent"; id: string };
  agentId: string;
  replay: ReplayMark;
  now: Date;
}

/** The request, its DRP row, its first transitions and the replay marker: committed together. */
async function createDrpRequestRows(tx: AppContext, { claims, match, actor, agentId, replay, now }: DrpRequestRows): Promise<string> {
  if (!(await markDrpMessageSeen(tx.db, replay))) throw replayRefusal({});
  const created = await createRequest(tx, {
    type: "categories",
    channel: "drp",
    californiaResident: null,
    subject: { name: claims.name, email: claims.email, ...(claims.phone ? { phone: claims.phone } : {}), ...(claims.address ? { address: compact(claims.address) } : {}) },
    agentId,
    actor,
  });
  await insertDrpRequest(tx.db, {
    request_id: created.id,
    agent_id: agentId,
    agent_request_id: claims.agentRequestId,
    status_callback: claims.statusCallback,
    drp_version: claims.drpVersion,
    exercise: "access",
    regime: claims.regime,
    revoked_at: null,
    created_at: toDbTime(now),
  });
  if (match.outcome === "verified") {
    await recordVerificationEvidence(tx, { requestId: created.id, matchedPoints: match.matched, level: match.level, now });
    await transitionRequest(tx, { requestId: created.id, to: "verified", verificationLevel: "reasonable", actor: SYSTEM_ACTOR, now });
    await transitionRequest(tx, { requestId: created.id, to: "collecting", actor: SYSTEM_ACTOR, jobs: [buildCollectJob(created.id)], now });
  } else {
    await transitionRequest(tx, { requestId: created.id, to: "awaiting_verification", actor: SYSTEM_ACTOR, now });
  }
  return created.id;
}

async function matchClaims(ctx: AppContext, claims: ExerciseClaims): Promise<MatchDataPointsResult> {
  const submitted = {
    requestType: "categories" as const,
    email: claims.email,
    emailVerified: claims.emailVerified,
    declarationSigned: false,
    fullName: claims.name,
    phone: claims.phone,
    postalAddress: claims.address,
  };
  const unreliable: DataPointName[] = [];
  if (!claims.phoneVerified) unreliable.push("phone");
  if (!claims.addressVerified) unreliable.push("postalAddress");
  // Without a verified e-mail no record is looked up: the answer and the work are the same for a
  // known and an unknown person (X25), and the consumer verifies at the portal.
  const held = claims.emailVerified ? await findIdentityRecord(ctx, { email: claims.email }) : [];
  const candidates = held.length > 0 ? held.map((h) => matchDataPoints(submitted, h, { unreliable })) : [matchDataPoints(submitted, { email: claims.email }, { unreliable })];
  return candidates.reduce((best, next) => (next.matched.length > best.matched.length ? next : best));
}

function compact(address: NonNullable<ExerciseClaims["address"]>): Record<string, string> {
  return Object.fromEntries(Object.entries(address).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { buildMailJob } from "../jobs/job-payloads";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { transitionRequest } from "../requests/transition-request";
import { useAgentToken } from "./agent-tokens.repository";
import { findAgentById } from "./agents.repository";
import { recordConsumerAnswer } from "./authorizations.repository";
import { readConsumerAuthorization } from "./read-consumer-authorization";
import { sendAgentMail } from "./send-agent-mail";

export type AnswerAgentAuthorizationResult = { status: "invalid" } | { status: "confirmed" | "refused"; requestId: string };

/**
 * The consumer's answer to "did you authorize this agent?" (11 CCR 7063(a)(2); R21, X5), from the
 * single-use link. In ONE transaction: the link is used up, the answer recorded with the time, an
 * audit event, and the request moved on:
 * - confirmed: -> awaiting_verification; the consumer then verifies their own identity by the
 *   normal path (e-mail code, data points, declaration), so the agent never gets a session. With
 *   AGENT_DISCLOSURE_RELEASE=consumer_and_agent, `releaseToAgent` records whether they also let
 *   the agent download the disclosure (R23);
 * - refused: -> denied "consumer_refused" with the denial notice to the consumer; the agent is told
 *   by mail after commit, and the audit row flags the agent for ops (X5: fraud flag).
 */
export async function answerAgentAuthorization(
  ctx: AppContext,
  input: { token: string; answer: "confirmed" | "refused"; releaseToAgent?: boolean; now?: Date },
): Promise<AnswerAgentAuthorizationResult> {
  const now = input.now ?? new Date();
  const view = await readConsumerAuthorization(ctx, { token: input.token, now });
  if (!view) return { status: "invalid" };
  const releaseToAgent = input.answer === "confirmed" && ctx.env.AGENT_DISCLOSURE_RELEASE === "consumer_and_agent" && input.releaseToAgent === true;
  const recorded = await runInWriteTransaction(ctx, async (tx) => {
    if (!(await useAgentToken(tx.db, { id: view.tokenId, now: toDbTime(now) }))) return false;
    if (!(await recordConsumerAnswer(tx.db, { id: view.authorizationId, answer: input.answer, releaseToAgent, now: toDbTime(now) }))) return false;
    await recordAuditEvent(tx, {
      actor: { kind: "consumer", id: null },
      action: input.answer === "confirmed" ? "agent.authorization_confirmed" : "agent.authorization_refused",
      requestId: view.requestId,
      details: { authorizationId: view.authorizationId, agentId: view.agent.id, releaseToAgent },
      now,
    });
    if (input.answer === "confirmed") {
      // Already awaiting when the consumer asked for a code first; the move is not needed twice.
      if (view.requestState === "received") await transitionRequest(tx, { requestId: view.requestId, to: "awaiting_verification", actor: { kind: "consumer", id: null }, now });
    } else {
      await transitionRequest(tx, { requestId: view.requestId, to: "denied", denialReason: "consumer_refused", actor: SYSTEM_ACTOR, jobs: [buildMailJob("request_denied", view.requestId)], now });
    }
    return true;
  });
  if (!recorded) return { status: "invalid" };
  if (input.answer === "refused") {
    const agent = await findAgentById(ctx.db, view.agent.id);
    if (agent) {
      await sendAgentMail(ctx, {
        template: "agent_consumer_refused",
        to: agent.email,
        language: "en",
        params: { requestId: view.requestId, url: `${ctx.env.PUBLIC_URL}/agent/requests/${view.requestId}` },
      });
    }
  }
  return { status: input.answer, requestId: view.requestId };
}

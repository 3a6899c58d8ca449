import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { findRequestById } from "../requests/requests.repository";
import { hashSessionToken } from "../sessions/session-token";
import { CONFIRMATION_RESEND_MINUTES, CONSUMER_CONFIRM_TTL_DAYS, MAX_CONFIRMATION_RESENDS } from "./agent-policy";
import { findRequestOfAgent } from "./agent-requests.repository";
import { expireAgentToken, expireOtherConsumerConfirmTokens, listConsumerConfirmTokens } from "./agent-tokens.repository";
import { findAgentById } from "./agents.repository";
import { findAuthorizationForRequest, lockAuthorization } from "./authorizations.repository";
import { checkConfirmationResend } from "./check-confirmation-resend";
import { isConsumerConfirmationPending } from "./is-consumer-confirmation-pending";
import { issueAgentToken } from "./issue-agent-token";
import { sendAgentMail } from "./send-agent-mail";

export type ResendAgentConfirmationResult =
  | { status: "sent"; resendsLeft: number }
  | { status: "too_soon"; retryAt: string }
  | { status: "limit_reached" }
  /** The consumer answered already, or the request is closed: there is no question left to ask. */
  | { status: "not_pending" }
  /** The mail server refused; the earlier link still works and the attempt counts (try after retryAt). */
  | { status: "mail_failed"; retryAt: string };

/**
 * Sends the consumer's "did you authorize this agent?" mail again with a new single-use link
 * (11 CCR 7063(a)(2); R21), for the agent who made the request: another agent's request reads as
 * not found (X10). Throttled by checkConfirmationResend, under a lock on the authorization so two
 * clicks cannot both pass. In ONE transaction: the new link and an audit event. After commit the
 * mail goes out in the request's language (11 CCR 7003); only once it was accepted do the earlier
 * links stop working, so a refused mail never leaves the consumer without a working link.
 */
export async function resendAgentConfirmation(ctx: AppContext, input: { agentId: string; requestId: string; now?: Date }): Promise<ResendAgentConfirmationResult> {
  const now = input.now ?? new Date();
  const owned = await findRequestOfAgent(ctx.db, { requestId: input.requestId, agentId: input.agentId });
  if (!owned) throw new AppError("not_found");
  const issued = await runInWriteTransaction(ctx, async (tx) => {
    const authorization = await findAuthorizationForRequest(tx.db, owned.id);
    if (!authorization) return { status: "not_pending" as const };
    await lockAuthorization(tx.db, tx.dialect, authorization.id);
    const request = await findRequestById(tx.db, owned.id);
    const fresh = await findAuthorizationForRequest(tx.db, owned.id);
    if (!request || !isConsumerConfirmationPending(fresh, request.state)) return { status: "not_pending" as const };
    const check = checkConfirmationResend(await listConsumerConfirmTokens(tx.db, authorization.id), now);
    if (!check.allowed) return check.reason === "too_soon" ? { status: "too_soon" as const, retryAt: check.retryAt.toISOString() } : { status: "limit_reached" as const };
    const token = await issueAgentToken(tx, { purpose: "consumer_confirm", agentId: input.agentId, authorizationId: authorization.id, ttlMs: CONSUMER_CONFIRM_TTL_DAYS * 86_400_000, now });
    const resendNumber = MAX_CONFIRMATION_RESENDS - check.resendsLeft + 1;
    await recordAuditEvent(tx, { actor: { kind: "agent", id: input.agentId }, action: "agent.confirmation_resent", requestId: owned.id, details: { authorizationId: authorization.id, resendNumber }, now });
    return { status: "issued" as const, token, authorizationId: authorization.id, resendsLeft: check.resendsLeft - 1, email: request.subject_email, language: request.language };
  });
  if (issued.status !== "issued") return issued;

  const agent = await findAgentById(ctx.db, input.agentId);
  const mailed = await sendAgentMail(ctx, {
    template: "agent_authorization_request",
    to: issued.email,
    language: issued.language,
    params: { url: `${ctx.env.PUBLIC_URL}/authorize/${issued.token}`, agentName: agent?.name ?? "", agentKind: agent?.kind },
  });
  const tokenId = hashSessionToken(issued.token)!;
  const nowText = toDbTime(now);
  if (!mailed) {
    await expireAgentToken(ctx.db, { id: tokenId, now: nowText });
    await recordAuditEvent(ctx, { actor: { kind: "agent", id: input.agentId }, action: "agent.confirmation_resend_failed", requestId: owned.id, details: { authorizationId: issued.authorizationId }, now });
    return { status: "mail_failed", retryAt: new Date(now.getTime() + CONFIRMATION_RESEND_MINUTES * 60_000).toISOString() };
  }
  await expireOtherConsumerConfirmTokens(ctx.db, { authorizationId: issued.authorizationId, keepId: tokenId, now: nowText });
  return { status: "sent", resendsLeft: issued.resendsLeft };
}

import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { findRequestOfAgent } from "./agent-requests.repository";
import { listConsumerConfirmTokens } from "./agent-tokens.repository";
import { findAuthorizationForRequest } from "./authorizations.repository";
import { checkConfirmationResend } from "./check-confirmation-resend";
import { describeAgentRequestStatus } from "./describe-agent-request-status";
import { mayReleaseToAgent } from "./may-release-to-agent";
import type { AgentRequestSummary } from "./list-agent-requests";

export interface AgentRequestDetail extends AgentRequestSummary {
  authorization: { id: string; kind: string; mimeType: string; sizeBytes: number; consumerAnswer: "confirmed" | "refused" | null } | null;
  /** The disclosure may be downloaded by this agent now (delivered, and the policy allows it). */
  canDownload: boolean;
  /**
   * While the consumer has not answered a signed permission: how many more times the agent may have
   * the confirmation mail sent again, and from when (ISO UTC; null = now). Null otherwise.
   */
  confirmationResend: { resendsLeft: number; retryAt: string | null } | null;
}

/**
 * One request of the signed-in agent. Throws AppError("not_found") for another agent's request
 * exactly as for a made-up id (X10). The disclosure itself is never part of this view.
 */
export async function getAgentRequest(ctx: AppContext, input: { agentId: string; requestId: string; now?: Date }): Promise<AgentRequestDetail> {
  const row = await findRequestOfAgent(ctx.db, input);
  if (!row) throw new AppError("not_found");
  const authorization = await findAuthorizationForRequest(ctx.db, row.id);
  const status = describeAgentRequestStatus(authorization, row.state);
  let confirmationResend: AgentRequestDetail["confirmationResend"] = null;
  if (authorization && status === "awaiting_confirmation") {
    const check = checkConfirmationResend(await listConsumerConfirmTokens(ctx.db, authorization.id), input.now ?? new Date());
    confirmationResend = { resendsLeft: check.resendsLeft, retryAt: !check.allowed && check.reason === "too_soon" ? check.retryAt.toISOString() : null };
  }
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    status,
    consumerName: row.subject_name,
    receiptDate: row.receipt_date,
    dueDate: row.extended_due_date ?? row.due_date,
    denialReason: row.denial_reason,
    authorization: authorization
      ? {
          id: authorization.id,
          kind: authorization.kind,
          mimeType: authorization.mime_type,
          sizeBytes: authorization.size_bytes,
          consumerAnswer: authorization.consumer_confirmed_at ? "confirmed" : authorization.consumer_refused_at ? "refused" : null,
        }
      : null,
    canDownload: row.state === "delivered" && mayReleaseToAgent(ctx.env, authorization),
    confirmationResend,
  };
}

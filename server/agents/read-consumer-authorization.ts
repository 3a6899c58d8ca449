import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { hashSessionToken } from "../sessions/session-token";
import { findRequestById } from "../requests/requests.repository";
import { findAgentToken } from "./agent-tokens.repository";
import { findAgentById } from "./agents.repository";
import { findAuthorizationById } from "./authorizations.repository";

export interface ConsumerAuthorizationView {
  tokenId: string;
  authorizationId: string;
  requestId: string;
  requestType: string;
  requestState: string;
  language: string;
  agent: { id: string; name: string; kind: string; sosNumber: string | null };
}

/**
 * What the consumer's confirmation link stands for, or null when the link is unknown, used,
 * expired, or its request is no longer waiting (answered, denied, cancelled). One null for all of
 * them: the page then says the link no longer works, without telling why (X10).
 */
export async function readConsumerAuthorization(ctx: AppContext, input: { token: string; now?: Date }): Promise<ConsumerAuthorizationView | null> {
  const tokenId = hashSessionToken(input.token);
  if (!tokenId) return null;
  const token = await findAgentToken(ctx.db, { id: tokenId, purpose: "consumer_confirm" });
  if (!token || token.used_at !== null || token.expires_at <= toDbTime(input.now ?? new Date()) || !token.authorization_id) return null;
  const authorization = await findAuthorizationById(ctx.db, token.authorization_id);
  if (!authorization || authorization.consumer_confirmed_at || authorization.consumer_refused_at) return null;
  const [request, agent] = await Promise.all([findRequestById(ctx.db, authorization.request_id), findAgentById(ctx.db, authorization.agent_id)]);
  if (!request || !agent || !["received", "awaiting_verification"].includes(request.state)) return null;
  return {
    tokenId,
    authorizationId: authorization.id,
    requestId: request.id,
    requestType: request.type,
    requestState: request.state,
    language: request.language,
    agent: { id: agent.id, name: agent.name, kind: agent.kind, sosNumber: agent.sos_number },
  };
}

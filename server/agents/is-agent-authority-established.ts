import type { AppContext } from "../context";
import { findAuthorizationForRequest } from "./authorizations.repository";

/**
 * Whether an agent's request may go on to the consumer's identity check (11 CCR 7063(a)): the
 * agent holds a power of attorney (7063(b)), or the consumer confirmed the signed permission.
 * False while the consumer has not answered, after a refusal, or with no document on file
 * (M-AGENT-NOPERM, X4). Requests not made by an agent are not this module's business: true.
 */
export async function isAgentAuthorityEstablished(ctx: AppContext, request: { id: string; agent_id: string | null }): Promise<boolean> {
  if (request.agent_id === null) return true;
  const authorization = await findAuthorizationForRequest(ctx.db, request.id);
  if (!authorization) return false;
  return authorization.kind === "power_of_attorney" || (authorization.consumer_confirmed_at !== null && authorization.consumer_refused_at === null);
}

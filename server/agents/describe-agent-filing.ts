import type { AppContext } from "../context";
import type { AuthorizationKind } from "./agent-policy";
import { findAgentById } from "./agents.repository";
import { findAuthorizationForRequest } from "./authorizations.repository";
import { isConsumerConfirmationPending } from "./is-consumer-confirmation-pending";

export interface AgentFiling {
  /** The name the agent registered with: the consumer must be able to recognise who acted for them. */
  agentName: string;
  authorizationKind: AuthorizationKind;
  /** A signed permission the consumer has not yet confirmed or refused (11 CCR 7063(a)(2)). */
  confirmationPending: boolean;
}

/**
 * What the consumer is told about an agent's request: who made it, and whether their own answer to
 * "did you authorize this agent?" is still needed first (receipt mail, 11 CCR 7021(a): describe the
 * next steps; status page). Null for the consumer's own requests and for DRP requests, which carry
 * no authorization document (the consumer verifies directly there, docs/drp.md).
 */
export async function describeAgentFiling(ctx: AppContext, request: { id: string; agent_id: string | null; state: string }): Promise<AgentFiling | null> {
  if (request.agent_id === null) return null;
  const [authorization, agent] = await Promise.all([findAuthorizationForRequest(ctx.db, request.id), findAgentById(ctx.db, request.agent_id)]);
  if (!authorization || !agent) return null;
  return {
    agentName: agent.name,
    authorizationKind: authorization.kind === "power_of_attorney" ? "power_of_attorney" : "signed_permission",
    confirmationPending: isConsumerConfirmationPending(authorization, request.state),
  };
}

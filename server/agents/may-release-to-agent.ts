import type { Env } from "../env";
import type { AuthorizationRow } from "./authorizations.repository";

/**
 * Whether the agent may download the disclosure (R23: a documented policy choice, ADR 013):
 * never under AGENT_DISCLOSURE_RELEASE=consumer; under consumer_and_agent when the consumer agreed
 * while confirming the agent, or when the agent holds a power of attorney (the consumer takes no
 * step then; the attorney-in-fact acts in their place).
 */
export function mayReleaseToAgent(env: Pick<Env, "AGENT_DISCLOSURE_RELEASE">, authorization: AuthorizationRow | undefined): boolean {
  if (env.AGENT_DISCLOSURE_RELEASE !== "consumer_and_agent" || !authorization) return false;
  if (authorization.kind === "power_of_attorney") return true;
  return authorization.consumer_confirmed_at !== null && authorization.release_to_agent === 1;
}

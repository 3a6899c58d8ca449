import type { AuthorizationRow } from "./authorizations.repository";
import { isConsumerConfirmationPending } from "./is-consumer-confirmation-pending";

/**
 * What the agent is told a request is waiting for: "awaiting_confirmation" while the consumer has
 * not answered "did you authorize this agent?" (11 CCR 7063(a)(2)), whatever the request state; a
 * consumer who asks for a sign-in code first moves the state on without having answered.
 * Otherwise the request state. The same for the agent's list and the request page.
 */
export function describeAgentRequestStatus(
  authorization: Pick<AuthorizationRow, "kind" | "consumer_confirmed_at" | "consumer_refused_at"> | undefined | null,
  requestState: string,
): string {
  return isConsumerConfirmationPending(authorization, requestState) ? "awaiting_confirmation" : requestState;
}

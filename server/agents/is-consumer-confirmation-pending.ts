import type { AuthorizationRow } from "./authorizations.repository";

/** Request states in which an unanswered confirmation still matters (afterwards the request is decided). */
const OPEN_STATES: readonly string[] = ["received", "awaiting_verification"];

/**
 * Whether the request waits for the consumer's answer to "did you authorize this agent?" (11 CCR
 * 7063(a)(2)): a signed permission nobody answered yet, on a request still open. A power of
 * attorney asks nothing of the consumer (7063(b)).
 */
export function isConsumerConfirmationPending(
  authorization: Pick<AuthorizationRow, "kind" | "consumer_confirmed_at" | "consumer_refused_at"> | undefined | null,
  requestState: string,
): boolean {
  if (!authorization || authorization.kind !== "signed_permission") return false;
  return authorization.consumer_confirmed_at === null && authorization.consumer_refused_at === null && OPEN_STATES.includes(requestState);
}

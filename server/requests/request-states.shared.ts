/**
 * The request lifecycle: states, denial reasons, actors and the allowed transitions. No Node
 * imports: the status page and the ops queue render these directly. Validation of a single
 * transition is in plan-transition.ts.
 */

export const REQUEST_STATES = [
  "received", // request row exists; the 45-day clock runs from its receipt date (7021(b))
  "awaiting_verification", // an e-mail code, data-point match or agent confirmation is pending
  "verified", // identity (and agent authority) established to the level the request needs
  "collecting", // collect job running over the data map's sources
  "in_review", // a disclosure waits for a privacy-ops reviewer
  "approved", // released for rendering and delivery
  "delivered", // disclosure available to the consumer: the legal response has been given
  "denied", // closed without a disclosure; carries a denial reason code (1798.145(h)(2))
  "cancelled", // withdrawn by the requester (DRP "revoked"), or closed by staff with a reason
  "expired", // delivered, and the download window has ended and the report files are purged
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** Denial reason codes. Each maps to one of the four 11 CCR 7102(a) metrics buckets below. */
export const DENIAL_REASONS = [
  "unverifiable", // 7024(a)-(b); R10/X19: still unverified on the due date
  "not_a_consumer", // not a California resident, per the business's policy (R1)
  "agent_unauthorized", // no signed permission, or consumer did not confirm it (7063(a))
  "exempt", // a CCPA exception or conflicting law covers all of it (7024(e); 1798.145(a))
  "too_many_requests", // third request in 12 months, or manifestly unfounded (1798.145(h)(3); R37)
  "consumer_refused", // the consumer declined a required step, e.g. the agent confirmation
  "other",
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

/** R40: denials may be broken down into these buckets in the published metrics (7102(a)). */
export const DENIAL_METRIC_BUCKET: Record<DenialReason, "not_verifiable" | "not_a_consumer" | "exempt" | "other"> = {
  unverifiable: "not_verifiable",
  // No proof of authority means the requester is not verified as acting for the consumer
  // (1798.140(ak)).
  agent_unauthorized: "not_verifiable",
  not_a_consumer: "not_a_consumer",
  exempt: "exempt",
  too_many_requests: "other",
  consumer_refused: "other",
  other: "other",
};

export const ACTOR_KINDS = ["consumer", "agent", "staff", "system", "drp_agent"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/**
 * Allowed transitions. Self-transitions are never listed: a retry or a re-sent code is not a
 * state change. Cancel is open from every state before a response is given, deny from every state
 * before approval.
 */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestState, readonly RequestState[]>> = {
  // received -> verified: an account holder already signed in may be verified by that session,
  // with re-authentication before release (11 CCR 7061(a); R14). received -> denied: e.g. a
  // non-resident under a decline policy (R1), where no verification is needed to say no.
  received: ["awaiting_verification", "verified", "denied", "cancelled"],
  // -> denied covers X19: still unverified on the due date; the clock never paused.
  awaiting_verification: ["verified", "denied", "cancelled"],
  // -> awaiting_verification: fraud signals after verification put the case on hold for step-up
  // verification (11 CCR 7061(b); X11). Same edge from collecting, in_review and approved.
  verified: ["collecting", "awaiting_verification", "denied", "cancelled"],
  // -> approved skips review when the ops policy auto-releases; -> denied is rare (e.g. staff
  // find the frequency limit applies, R37) but need not wait for the collect job to finish.
  collecting: ["in_review", "approved", "awaiting_verification", "denied", "cancelled"],
  // -> collecting: the reviewer sends it back, e.g. a source was missing (X22, R25).
  in_review: ["approved", "collecting", "awaiting_verification", "denied", "cancelled"],
  // -> in_review: approval withdrawn before delivery (e.g. the render-time never-disclose scan
  // failed, R31/R42). No -> denied here: a denial is a review decision, so it goes back first.
  approved: ["delivered", "in_review", "awaiting_verification", "cancelled"],
  // delivered is NOT terminal: the response has been given (the clock stops, 7101(a) records the
  // response date), and it ends as expired once the report is purged. A lapsed download link
  // alone is a delivery-layer fact and leaves the request delivered; ops may re-issue a link.
  delivered: ["expired"],
  // Terminal. An appeal or reconsideration (R36) opens a new request linked to this one, so the
  // record of the original response is never rewritten (7101(a)).
  denied: [],
  cancelled: [],
  expired: [],
};

/** States with no way out. */
export const TERMINAL_STATES: readonly RequestState[] = ["denied", "cancelled", "expired"];

/** States in which the business has responded: the 45/90-day clock no longer applies. */
export const RESPONDED_STATES: readonly RequestState[] = ["delivered", "denied", "cancelled", "expired"];

/** Business decisions: only staff or the system (on staff-set policy) may move a request here. */
export const BUSINESS_DECISION_STATES: readonly RequestState[] = ["approved", "delivered", "denied", "expired"];

/** The audit event a valid transition produces; the repository adds id, actor id and time. */
export interface TransitionEvent {
  from: RequestState;
  to: RequestState;
  actor: ActorKind;
  reason: string | null;
  denialReason: DenialReason | null;
}

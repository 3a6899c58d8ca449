import {
  BUSINESS_DECISION_STATES,
  DENIAL_REASONS,
  REQUEST_TRANSITIONS,
  type ActorKind,
  type DenialReason,
  type RequestState,
  type TransitionEvent,
} from "./request-states.shared";

export interface PlanTransitionInput {
  from: RequestState;
  to: RequestState;
  actor: ActorKind;
  /** Free text for the record and the notice; required where the rules below say so. */
  reason?: string;
  /** Required when `to` is "denied"; ignored otherwise. */
  denialReason?: DenialReason;
}

export type PlanTransitionResult =
  | { ok: true; event: TransitionEvent }
  | { ok: false; code: "illegal_transition" | "reason_required" | "denial_reason_required" };

/**
 * Check one state change and build its audit event, without touching the database: the
 * repository calls this inside its transaction and writes the state and the event together.
 *
 * Refusals, checked in this order:
 * - illegal_transition: the edge is not in REQUEST_TRANSITIONS (every edge out of a terminal
 *   state included), or a consumer, agent or DRP agent tries to take a business decision
 *   (approve, deliver, deny, expire). Who else may act (which staff role) is checked by the
 *   route's access guard, not here.
 * - denial_reason_required: every denial carries a coded reason, which the notice explains and the
 *   7102(a) metrics bucket (1798.145(h)(2); 11 CCR 7101(a) "basis for any denial"; R36, R40).
 * - reason_required:
 *   - a staff denial needs a written reason: the consumer must be told why (1798.145(h)(2); R35);
 *     a system denial (X19, unverifiable on the due date) is explained by its code and message;
 *   - a denial coded "other" always needs one, since the code alone explains nothing;
 *   - a staff cancellation needs one, so a consumer's request is never closed silently (R4).
 *     A requester cancelling their own request need not explain.
 *
 * Reasons are trimmed; blank counts as missing.
 */
export function planTransition(input: PlanTransitionInput): PlanTransitionResult {
  const { from, to, actor } = input;
  // Typed as defined, but `from` may be a stale value read from a database row.
  const allowed: readonly RequestState[] | undefined = REQUEST_TRANSITIONS[from];
  if (!allowed?.includes(to)) return { ok: false, code: "illegal_transition" };
  const isBusiness = actor === "staff" || actor === "system";
  if (BUSINESS_DECISION_STATES.includes(to) && !isBusiness) {
    return { ok: false, code: "illegal_transition" };
  }

  const reason = input.reason?.trim() || null;
  let denialReason: DenialReason | null = null;
  if (to === "denied") {
    // The type already says DenialReason, but the value may come from a form or a database row.
    if (!input.denialReason || !DENIAL_REASONS.includes(input.denialReason)) {
      return { ok: false, code: "denial_reason_required" };
    }
    denialReason = input.denialReason;
    if ((actor === "staff" || denialReason === "other") && reason === null) {
      return { ok: false, code: "reason_required" };
    }
  }
  if (to === "cancelled" && actor === "staff" && reason === null) {
    return { ok: false, code: "reason_required" };
  }

  return { ok: true, event: { from, to, actor, reason, denialReason } };
}

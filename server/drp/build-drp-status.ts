import type { RequestRow } from "../../db/schema";
import { fromDbTime } from "../lib/clock";
import type { DenialReason, RequestState } from "../requests/request-states.shared";
import type { DrpRequestRow } from "./drp-requests.repository";
import type { DrpStatus } from "./drp-status.shared";

type DrpReason = NonNullable<DrpStatus["reason"]>;

/** Our coded denial reasons (1798.145(h)(2)) in DRP's vocabulary (DRP 1.0 §3.02). */
const DENIAL_TO_DRP: Record<DenialReason, DrpReason> = {
  unverifiable: "insuf_verification", // 7024(a)-(b): not verified by the due date
  not_a_consumer: "outside_jurisdiction", // not a California resident under a decline policy (R1)
  agent_unauthorized: "insuf_verification", // the agent's authority was not confirmed (7063(a))
  exempt: "claim_not_covered", // a CCPA exception covers it (1798.145)
  too_many_requests: "too_many_requests", // 1798.130(b), 1798.145(h)(3)
  consumer_refused: "other",
  other: "other",
};

const DETAILS = {
  received: "The business received the request and is starting to process it.",
  verification: "The consumer must confirm their identity with the business at the user verification URL before the request can proceed.",
  working: "Identity verified; the business is gathering the consumer's personal information.",
  review: "The disclosure is being reviewed before release.",
  extended: "The business extended the response period once, as Cal. Civ. Code 1798.130(a)(2)(A) allows; the consumer was told why.",
  fulfilled: "The disclosure is ready. The consumer opens the results URL and confirms with a code sent to their e-mail address before anything is shown.",
  closed: "The business closed this request; the consumer was told why.",
  denied: "The business could not fulfil this request; the consumer was told why.",
  revoked: "The consumer withdrew this request through the agent; the business stopped processing it.",
  expired: "The disclosure was available for the retention period and has been deleted; the consumer can make a new request.",
} as const;

export interface BuildDrpStatusInput {
  request: Pick<RequestRow, "id" | "state" | "received_at" | "due_date" | "extended_due_date" | "denial_reason" | "completed_at">;
  drp: Pick<DrpRequestRow, "agent_request_id" | "revoked_at">;
  publicUrl: string;
  /** How long the encrypted disclosure is kept after release (REPORT_RETENTION_DAYS). */
  retentionDays: number;
}

/**
 * Our request as a DRP Exercise Status (DRP 1.0 §3.02-3.03). We run our own endpoints, so an
 * accepted request is in_progress at once; "needs verification" is in_progress with reason
 * need_user_verification and the portal's own verification page. Delivered is fulfilled with a
 * results_url that asks the consumer for an e-mail code before showing anything (no personal data
 * travels over DRP, drp.md §8). Cancelled reads as revoked only when the agent revoked it.
 * Every status carries a fixed processing_details text (DRP 1.0 §3.03 MAY), so an agent always has
 * something to show the consumer (issue 16 item 7); it never quotes what staff wrote.
 */
export function buildDrpStatus(input: BuildDrpStatusInput): DrpStatus {
  const { request, drp } = input;
  const requestUrl = `${input.publicUrl}/requests/${request.id}`;
  const dueDate = request.extended_due_date ?? request.due_date;
  const base: DrpStatus = {
    request_id: request.id,
    ...(drp.agent_request_id !== null ? { agent_request_id: drp.agent_request_id } : {}),
    status: "open",
    received_at: isoTime(fromDbTime(request.received_at)),
    expected_by: endOfPacificDay(dueDate),
  };
  const extended = request.extended_due_date !== null ? ` ${DETAILS.extended}` : "";
  const state = request.state as RequestState;
  switch (state) {
    case "received":
      return { ...base, processing_details: DETAILS.received + extended };
    case "awaiting_verification":
      // After the due date the X19 sweep denies it as unverifiable, so the link is good until then.
      return { ...base, status: "in_progress", reason: "need_user_verification", user_verification_url: requestUrl, expires_at: endOfPacificDay(dueDate), processing_details: DETAILS.verification + extended };
    case "verified":
    case "collecting":
      return { ...base, status: "in_progress", processing_details: DETAILS.working + extended };
    case "in_review":
    case "approved":
      return { ...base, status: "in_progress", processing_details: DETAILS.review + extended };
    case "delivered": {
      const completed = fromDbTime(request.completed_at ?? request.received_at);
      const expires = new Date(completed.getTime() + input.retentionDays * 86_400_000);
      return { ...base, status: "fulfilled", results_url: requestUrl, expires_at: isoTime(expires), processing_details: DETAILS.fulfilled };
    }
    case "denied":
      return { ...base, status: "denied", reason: DENIAL_TO_DRP[request.denial_reason as DenialReason] ?? "other", processing_details: DETAILS.denied };
    case "cancelled":
      return drp.revoked_at !== null ? { ...base, status: "revoked", processing_details: DETAILS.revoked } : { ...base, status: "denied", reason: "other", processing_details: DETAILS.closed };
    case "expired":
      return { ...base, status: "expired", processing_details: DETAILS.expired };
    default: {
      const never: never = state;
      throw new Error(`unknown request state ${String(never)}`);
    }
  }
}

/** ISO 8601 with "+00:00": Python 3.10's fromisoformat (the reference agent's) rejects "Z". */
export function isoTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * The last second of a calendar due date in California. -07:00 (daylight time) is the earlier of
 * the two Pacific offsets, so the promise is never later than the legal deadline (7021(b)).
 */
function endOfPacificDay(date: string): string {
  return isoTime(new Date(`${date}T23:59:59.000-07:00`));
}

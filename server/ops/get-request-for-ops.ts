import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { calendarDateIn } from "../lib/calendar-date";
import { fromDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { listVerificationEvidence } from "../verification/verification-evidence.repository";
import { checkExtension } from "../requests/check-extension";
import { classifyDue } from "../requests/classify-due";
import { computeDeadlines } from "../requests/compute-deadlines";
import { RECEIPT_TIME_ZONE, type DueClassification, type ExtensionRefusalCode } from "../requests/deadlines.shared";
import { listRequestEvents } from "../requests/request-events.repository";
import { REQUEST_TRANSITIONS, RESPONDED_STATES, type RequestState } from "../requests/request-states.shared";
import { findRequestById } from "../requests/requests.repository";
import { findAgentSummary, listAuthorizationMeta, listStaffNames } from "./ops-request.repository";
import { toOpsRequestView, type OpsRequestView } from "./ops-request-view";

export type { OpsRequestView };

/** What a reviewer may do with the request in its current state (permissions are the route's). */
export interface OpsRequestActions {
  canDeny: boolean;
  /** Extension allowed now, to this date; or why not (R9, X20). */
  extension: { possible: true; newDueDate: string } | { possible: false; why: ExtensionRefusalCode | "answered" };
  /** A delivered request's "disclosure ready" notice can be sent again. */
  canResendNotice: boolean;
}

function planActions(state: RequestState, extension: ReturnType<typeof checkExtension>): OpsRequestActions {
  const answered = RESPONDED_STATES.includes(state);
  return {
    canDeny: REQUEST_TRANSITIONS[state]?.includes("denied") ?? false,
    extension: answered
      ? { possible: false, why: "answered" }
      : extension.ok
        ? { possible: true, newDueDate: extension.newDueDate }
        : { possible: false, why: extension.code },
    canResendNotice: state === "delivered",
  };
}

/**
 * Everything a reviewer needs to work one request: the request and its legal dates, the
 * requester's contact details, the verification evidence (data-point names and level, never the
 * values), the agent and their authorization documents' metadata, and the timeline.
 *
 * Every call records "ops.request_viewed" with the staff id: each staff view of a consumer's
 * personal data is on the audit trail (11 CCR 7101(b)-(c); R39). The view is recorded only when
 * the request exists. Throws AppError("not_found").
 */
export async function getRequestForOps(
  ctx: AppContext,
  input: { requestId: string; staffId: string; now?: Date },
): Promise<{ request: OpsRequestView; actions: OpsRequestActions }> {
  const now = input.now ?? new Date();
  const row = await findRequestById(ctx.db, input.requestId);
  if (!row) throw new AppError("not_found");
  const [events, evidence, authorizations, agent] = await Promise.all([
    listRequestEvents(ctx.db, row.id),
    listVerificationEvidence(ctx.db, row.id),
    listAuthorizationMeta(ctx.db, row.id),
    row.agent_id ? findAgentSummary(ctx.db, row.agent_id) : Promise.resolve(undefined),
  ]);
  const staffIds = events.filter((e) => e.actor_kind === "staff" && e.actor_id).map((e) => e.actor_id!);
  const staffNames = await listStaffNames(ctx.db, staffIds);
  await recordAuditEvent(ctx, { actor: { kind: "staff", id: input.staffId }, action: "ops.request_viewed", requestId: row.id, now });

  const state = row.state as RequestState;
  const receivedAt = fromDbTime(row.received_at);
  const effectiveDue = row.extended_due_date ?? row.due_date;
  const due: DueClassification | null = RESPONDED_STATES.includes(state)
    ? null
    : classifyDue({ dueDate: effectiveDue, today: calendarDateIn(now, RECEIPT_TIME_ZONE) });
  // The same rule extendRequest applies, asked in advance so the page offers only what will work.
  const extension = checkExtension({ receivedAt, now, alreadyExtended: row.extended_due_date !== null, reason: "preview" });
  const request = toOpsRequestView({ row, deadlines: computeDeadlines({ receivedAt }), due, events, evidence, authorizations, agent, staffNames });
  return { request, actions: planActions(state, extension) };
}

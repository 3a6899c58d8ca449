import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { fromDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { enqueueDrpStatusCallback } from "../drp/enqueue-drp-status-callback";
import { enqueueJob } from "../jobs/enqueue-job";
import { buildMailJob, REQUEST_NOTICES } from "../jobs/job-payloads";
import { checkExtension } from "./check-extension";
import type { CalendarDate } from "./deadlines.shared";
import { nextEventTime } from "./next-event-time";
import { insertRequestEvent } from "./request-events.repository";
import type { Actor } from "./request-fields.shared";
import { RESPONDED_STATES, type RequestState } from "./request-states.shared";
import { findRequestById, updateRequestVersioned } from "./requests.repository";

export interface ExtendRequestInput {
  requestId: string;
  actor: Actor;
  /** Shown to the consumer in M-EXT: why more time is needed. */
  reason: string;
  /** Default: the latest allowed date, receipt + 89. */
  requestedDueDate?: CalendarDate;
  expectedVersion?: number;
  now?: Date;
}

/**
 * Grants the one extension a request may get (Civ. Code 1798.130(a)(2)(A); 11 CCR 7021(b); R9).
 * In ONE transaction: extended_due_date and the reason, an event (from_state = to_state: not a
 * state change), an audit row, and the M-EXT notice job, which must reach the consumer within the
 * first 45 days, so it is queued with the decision.
 *
 * Throws AppError: not_found; forbidden (only staff extend); illegal_transition (the request has
 * already been answered); extension_refused with details.reason = the checkExtension code
 * (already_extended, too_late, reason_required, ...; X20); conflict.
 */
export async function extendRequest(ctx: AppContext, input: ExtendRequestInput): Promise<{ id: string; extendedDueDate: CalendarDate; version: number }> {
  if (input.actor.kind !== "staff") throw new AppError("forbidden");
  const now = input.now ?? new Date();
  const result = await runInWriteTransaction(ctx, async (tx) => {
    const row = await findRequestById(tx.db, input.requestId);
    if (!row) throw new AppError("not_found");
    if (input.expectedVersion !== undefined && row.version !== input.expectedVersion) throw new AppError("conflict");
    if (RESPONDED_STATES.includes(row.state as RequestState)) throw new AppError("illegal_transition", { from: row.state });
    const check = checkExtension({
      receivedAt: fromDbTime(row.received_at),
      now,
      alreadyExtended: row.extended_due_date !== null,
      reason: input.reason,
      requestedDueDate: input.requestedDueDate,
    });
    if (!check.ok) throw new AppError("extension_refused", { reason: check.code });

    const at = nextEventTime(now, row.updated_at);
    const updated = await updateRequestVersioned(tx.db, {
      id: row.id,
      expectedVersion: row.version,
      changes: { extended_due_date: check.newDueDate, extension_reason: check.reason, updated_at: at },
    });
    if (!updated) throw new AppError("conflict");
    const actor = { kind: input.actor.kind, id: input.actor.id ?? null };
    const eventId = newId();
    await insertRequestEvent(tx.db, {
      id: eventId,
      request_id: row.id,
      from_state: row.state,
      to_state: row.state,
      actor_kind: actor.kind,
      actor_id: actor.id,
      reason: check.reason,
      created_at: at,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "request.extended",
      requestId: row.id,
      details: { dueDate: row.due_date, extendedDueDate: check.newDueDate },
      now,
    });
    await enqueueJob(tx, buildMailJob(REQUEST_NOTICES.extension, row.id));
    // DRP 1.0 §3.08: an extension is reported to the agent with a new expected_by.
    if (row.channel === "drp") await enqueueDrpStatusCallback(tx, { requestId: row.id, changeId: eventId });
    return { id: row.id, extendedDueDate: check.newDueDate, version: row.version + 1 };
  });
  ctx.logger.info({ requestId: result.id, extendedDueDate: result.extendedDueDate }, "request extended");
  return result;
}

import { recordAuditEvent } from "../../audit/record-audit-event";
import type { AppContext } from "../../context";
import { addDays, calendarDateIn } from "../../lib/calendar-date";
import { classifyDue } from "../../requests/classify-due";
import { DUE_SOON_DAYS, RECEIPT_TIME_ZONE } from "../../requests/deadlines.shared";
import { SYSTEM_ACTOR } from "../../requests/request-fields.shared";
import { REQUEST_STATES, RESPONDED_STATES } from "../../requests/request-states.shared";
import { listOpenDueOnOrBefore } from "../../requests/requests.repository";
import type { SweepPayload } from "../job-payloads";
import type { JobRunContext } from "../job-types";

const OPEN_STATES = REQUEST_STATES.filter((s) => !RESPONDED_STATES.includes(s));

/**
 * R8 / R42: requests not yet answered whose due date (the extended one if set) is 7 days away or
 * closer, or already past, get a "deadline.reminder" audit row, which the ops queue surfaces: time
 * to finish review, or to send the one extension notice before the due date (R9).
 *
 * Once per request per Pacific calendar day: the day is the audit row's once-key, checked under
 * the audit chain's lock, so hourly runs and concurrent workers add nothing after the first.
 */
export async function handleDeadlineReminders(ctx: AppContext, payload: SweepPayload, run: JobRunContext): Promise<void> {
  const today = calendarDateIn(new Date(), RECEIPT_TIME_ZONE);
  const requests = await listOpenDueOnOrBefore(ctx.db, { dueOnOrBefore: addDays(today, DUE_SOON_DAYS), openStates: OPEN_STATES });
  let recorded = 0;
  for (const request of requests) {
    if (run.signal.aborted) return;
    const dueDate = request.extended_due_date ?? request.due_date;
    const { daysLeft, status } = classifyDue({ dueDate, today });
    const result = await recordAuditEvent(ctx, {
      actor: SYSTEM_ACTOR,
      action: "deadline.reminder",
      requestId: request.id,
      details: { dueDate, daysLeft, status },
      onceKey: today,
    });
    if (result.recorded) recorded += 1;
  }
  if (recorded) ctx.logger.info({ recorded, bucket: payload.bucket }, "deadline reminders recorded");
}

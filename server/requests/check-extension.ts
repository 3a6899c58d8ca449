import { calendarDateIn, isCalendarDate } from "../lib/calendar-date";
import { computeDeadlines } from "./compute-deadlines";
import { RECEIPT_TIME_ZONE, type CalendarDate, type ExtensionCheck } from "./deadlines.shared";


export interface CheckExtensionInput {
  /** The original receipt instant of the request (the same one its deadlines came from). */
  receivedAt: Date;
  /** The instant staff grant the extension (and the M-EXT notice goes out). */
  now: Date;
  alreadyExtended: boolean;
  /** Free-text reason shown to the consumer in M-EXT. */
  reason: string;
  /** New due date chosen by staff; defaults to the latest allowed (receipt + 89). */
  requestedDueDate?: CalendarDate;
}

/**
 * May staff extend this request, and to which date? Pure: the caller records the extension and
 * sends M-EXT in the same transaction.
 *
 * Rules (Civ. Code 1798.130(a)(2)(A); 11 CCR 7021(b); adversarial case X20):
 * - only one extension per request;
 * - the notice must go out within the first 45 days. The cut-off is the END of the original due
 *   date in America/Los_Angeles: allowed until 23:59:59.999 Pacific on the due date (for a due
 *   date of 2026-04-15 that is 2026-04-16T06:59:59.999Z), refused from 00:00 Pacific on day 46.
 *   The due date (day 45) is itself within the 45 days, so an extension on it is allowed;
 *   Pacific because the business and the consumer are in California;
 * - a reason is mandatory: the notice must explain the reason for the delay. Any non-blank
 *   text is accepted; whether it is specific enough is a reviewer's call, not a length rule;
 * - the new due date must be after the original one and no later than receipt + 89.
 *
 * Whether the request is still open (not delivered, denied...) is the state machine's concern.
 */
export function checkExtension(input: CheckExtensionInput): ExtensionCheck {
  const { dueDate, maxExtendedDueDate } = computeDeadlines({ receivedAt: input.receivedAt });
  if (input.alreadyExtended) return { ok: false, code: "already_extended" };
  if (calendarDateIn(input.now, RECEIPT_TIME_ZONE) > dueDate) return { ok: false, code: "too_late" };

  const reason = input.reason.trim();
  if (reason === "") return { ok: false, code: "reason_required" };

  const newDueDate = input.requestedDueDate ?? maxExtendedDueDate;
  if (!isCalendarDate(newDueDate)) return { ok: false, code: "invalid_requested_date" };
  // YYYY-MM-DD strings compare like the dates they name.
  if (newDueDate <= dueDate) return { ok: false, code: "not_after_due_date" };
  if (newDueDate > maxExtendedDueDate) return { ok: false, code: "beyond_max" };
  return { ok: true, newDueDate, reason };
}

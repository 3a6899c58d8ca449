import { daysBetween, isCalendarDate } from "../lib/calendar-date";
import { DUE_SOON_DAYS, type CalendarDate, type DueClassification } from "./deadlines.shared";


/**
 * How close a request is to its legal due date, for the ops queue (R8: the queue sorts by due
 * date and alarms before day 45; R42: review time counts against the clock).
 *
 * - overdue:   today is after the due date (daysLeft < 0); the response is already late.
 * - due_today: today is the due date (daysLeft 0); the last day to respond or deny (X19).
 * - due_soon:  1 to 7 days left (DUE_SOON_DAYS), i.e. from day 38 of 45 on: enough time to
 *              finish a review or send an extension notice, which must go out by the due date.
 * - ok:        more than 7 days left.
 *
 * `today` is the caller's calendar date in America/Los_Angeles, the same zone that decides the
 * extension cut-off. Both dates are read at UTC midnight, so DST never changes the count.
 *
 * @example classifyDue({ dueDate: "2026-04-15", today: "2026-04-08" }) // { daysLeft: 7, status: "due_soon" }
 */
export function classifyDue({
  dueDate,
  today,
}: {
  dueDate: CalendarDate;
  today: CalendarDate;
}): DueClassification {
  // A malformed date is a programming error (dates come from computeDeadlines), so it throws
  // instead of silently classifying a request as "ok".
  if (!isCalendarDate(dueDate) || !isCalendarDate(today)) throw new RangeError("expected a calendar date YYYY-MM-DD");
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft < 0) return { daysLeft, status: "overdue" };
  if (daysLeft === 0) return { daysLeft, status: "due_today" };
  if (daysLeft <= DUE_SOON_DAYS) return { daysLeft, status: "due_soon" };
  return { daysLeft, status: "ok" };
}

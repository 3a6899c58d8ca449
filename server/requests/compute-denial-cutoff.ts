import { calendarDateIn } from "../lib/calendar-date";
import { RECEIPT_TIME_ZONE, type CalendarDate } from "./deadlines.shared";

/** Hour (Pacific) on the due date from which an unverified request is denied. */
export const UNVERIFIED_DENIAL_HOUR = 18;

/**
 * Requests still unverified whose (extended) due date is BEFORE the returned date are denied now.
 *
 * Denying is the response, and it must go out within the 45 (or extended 90) days (11 CCR
 * 7021(b); X19: "auto-deny on the due date; no silent extension"), so waiting until the day after
 * would make every such response late. Denying at midnight would take the last day from a
 * consumer who is still verifying. The cut-off is therefore 18:00 Pacific on the due date: the
 * Pacific date of (now + 6 h) moves to the next day at 18:00 Pacific, in summer and winter alike.
 *
 * @example computeDenialCutoff(new Date("2026-04-16T00:59:00Z")) // "2026-04-15" (17:59 PDT on the 15th)
 * @example computeDenialCutoff(new Date("2026-04-16T01:00:00Z")) // "2026-04-16" (18:00 PDT: deny due dates up to the 15th)
 */
export function computeDenialCutoff(now: Date): CalendarDate {
  const shiftMs = (24 - UNVERIFIED_DENIAL_HOUR) * 3600_000;
  return calendarDateIn(new Date(now.getTime() + shiftMs), RECEIPT_TIME_ZONE);
}

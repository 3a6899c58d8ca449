import {
  CONFIRM_BUSINESS_DAYS,
  EXTENDED_RESPONSE_DAYS,
  LOOKBACK_MONTHS,
  RECEIPT_TIME_ZONE,
  RESPONSE_DAYS,
  type RequestDeadlines,
} from "./deadlines.shared";
import { addBusinessDays, addDays, calendarDateIn, subtractMonths } from "../lib/calendar-date";

/**
 * The legal dates of a request, from the instant it was first received through any channel
 * (R4: an e-mail imported later keeps its original receipt time).
 *
 * Conservative rules (ccpa-requirements.md section 5):
 * - receipt date: the earlier of the America/Los_Angeles and the UTC calendar dates. Los Angeles
 *   is always behind UTC, so today this is the Pacific date; the rule is kept explicit so the
 *   stated policy and the code cannot drift apart.
 * - confirmBy: 10 business days, Monday-Friday, no holidays skipped (11 CCR 7021(a)).
 * - dueDate: receipt day is day 1, so receipt + 44; never rolled forward (11 CCR 7021(b)).
 * - maxExtendedDueDate: receipt + 89 (Civ. Code 1798.130(a)(2)(A)).
 * - lookbackStart: same day of month 12 months earlier (11 CCR 7024(h)). A Feb 29 receipt maps
 *   to Feb 28 of the year before: clamping to the month end starts the window a day early rather
 *   than a day late (Mar 1), so the consumer never gets less than 12 months.
 *
 * All arithmetic is on calendar dates (server/lib/calendar-date.ts), so a DST change never moves a day.
 *
 * @example computeDeadlines({ receivedAt: new Date("2026-03-02T17:00:00Z") }).dueDate // "2026-04-15"
 */
export function computeDeadlines({ receivedAt }: { receivedAt: Date }): RequestDeadlines {
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError("receivedAt is not a valid date");
  const receivedAtUtc = receivedAt.toISOString();
  const utcDate = receivedAtUtc.slice(0, 10);
  const zoneDate = calendarDateIn(receivedAt, RECEIPT_TIME_ZONE);
  const receiptDate = zoneDate < utcDate ? zoneDate : utcDate;
  return {
    receivedAtUtc,
    receiptDate,
    confirmBy: addBusinessDays(receiptDate, CONFIRM_BUSINESS_DAYS),
    dueDate: addDays(receiptDate, RESPONSE_DAYS - 1),
    maxExtendedDueDate: addDays(receiptDate, EXTENDED_RESPONSE_DAYS - 1),
    lookbackStart: subtractMonths(receiptDate, LOOKBACK_MONTHS),
  };
}

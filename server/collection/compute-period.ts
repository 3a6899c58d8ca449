import { addDays, isCalendarDate, subtractMonths } from "../lib/calendar-date";
import type { TimeWindow } from "../connectors/connector-types";
import { startOfDayIn } from "../lib/zoned-day-start";
import { RECEIPT_TIME_ZONE } from "../requests/deadlines.shared";
import type { CollectionSummary } from "./collection-types.shared";

export type CollectionPeriod = CollectionSummary["period"];
export type PeriodKind = CollectionPeriod["kind"];

/** No duty reaches back before this date (1798.130(a)(2)(B); 11 CCR 7024(h)). */
export const EARLIEST_COVERED_DATE = "2022-01-01";

/**
 * The period a request covers, as inclusive calendar dates. By default the 12 months before the
 * receipt date, anchored on receipt rather than verification (11 CCR 7024(h); R28); on request,
 * everything collected since 2022-01-01 (R46). `receivedOn` is the receipt date the request module
 * chose (the earlier of the Pacific and UTC calendar dates, so a boundary day is never lost).
 *
 * @example computePeriod({ receivedOn: "2026-03-02", kind: "12_months" }) // { kind, start: "2025-03-02", end: "2026-03-02" }
 */
export function computePeriod(options: { receivedOn: string; kind: PeriodKind }): CollectionPeriod {
  const { receivedOn, kind } = options;
  if (!isCalendarDate(receivedOn)) throw new RangeError("receivedOn must be a calendar date YYYY-MM-DD");
  if (receivedOn < EARLIEST_COVERED_DATE) throw new RangeError(`receivedOn must be on or after ${EARLIEST_COVERED_DATE}`);
  const start = kind === "since_2022" ? EARLIEST_COVERED_DATE : subtractMonths(receivedOn, 12);
  return { kind, start: start < EARLIEST_COVERED_DATE ? EARLIEST_COVERED_DATE : start, end: receivedOn };
}

/**
 * The window connectors filter on: UTC instants (ISO 8601, Z), end exclusive. The period's days
 * are the business's days, cut at midnight in its time zone (Pacific, the zone the receipt date
 * is stamped in, RECEIPT_TIME_ZONE), not at UTC midnight: a page viewed at 5 p.m. in California
 * on the receipt day is 01:00 UTC the next day and still inside. Daylight saving moves the cut
 * between 07:00 and 08:00 UTC.
 *
 * @example periodWindow({ kind: "12_months", start: "2025-03-02", end: "2026-03-02" })
 * // { start: "2025-03-02T08:00:00.000Z", endExclusive: "2026-03-03T08:00:00.000Z" }
 */
export function periodWindow(period: CollectionPeriod): TimeWindow {
  return { start: startOfDayIn(period.start, RECEIPT_TIME_ZONE), endExclusive: startOfDayIn(addDays(period.end, 1), RECEIPT_TIME_ZONE) };
}

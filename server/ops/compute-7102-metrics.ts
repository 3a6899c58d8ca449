import type { AppContext } from "../context";
import { daysBetween } from "../lib/calendar-date";
import { toRequestLogRecord } from "../records/request-log-record";
import { listRequestLogPage } from "../records/request-records.repository";
import { DENIAL_METRIC_BUCKET, type DenialReason } from "../requests/request-states.shared";

/** The optional 7102(a) breakdown of denials (in whole or in part) by basis. */
export const DENIAL_BUCKETS = ["not_verifiable", "not_a_consumer", "exempt", "other"] as const;
export type DenialBucket = (typeof DENIAL_BUCKETS)[number];

export interface Metrics7102 {
  year: number;
  /** Requests to know (both RTK-C and RTK-SP) whose receipt date falls in the year. */
  received: number;
  compliedInWhole: number;
  /** Delivered with part withheld under a coded basis (7024(e)); also counted under denialsByBasis.part. */
  compliedInPart: number;
  denied: number;
  /** Withdrawn by the requester or closed by staff without a substantive response. */
  withdrawn: number;
  /** No response yet when computed: received = all six counts added up. */
  pending: number;
  denialsByBasis: Record<DenialBucket, { whole: number; part: number }>;
  /** Day N of the clock, receipt day = day 1 (ADR 011); null when nothing was answered. */
  daysToRespond: { counted: number; median: number | null; mean: number | null };
}

const PAGE = 1000;

/** The median of a histogram {days -> count}: the middle value, or the mean of the two middle ones. */
function medianOf(histogram: Map<number, number>, count: number): number | null {
  if (count === 0) return null;
  const sorted = [...histogram.entries()].sort(([a], [b]) => a - b);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const [days, n] of sorted) {
      seen += n;
      if (index < seen) return days;
    }
    throw new RangeError("index beyond histogram");
  };
  return count % 2 === 1 ? valueAt((count - 1) / 2) : (valueAt(count / 2 - 1) + valueAt(count / 2)) / 2;
}

/**
 * The 11 CCR 7102(a) metrics for requests to know for one calendar year (R40), computed from the
 * same request-log rows and response classification as the 7101 log, so the two never disagree.
 *
 * Cohort: requests whose receipt date (Pacific, as on the request) is in the year, each counted
 * once under its outcome as of now. Days to respond: for responses given (complied in whole or in
 * part, denied), the Pacific calendar date of completion minus the receipt date, plus one, i.e.
 * the day of the 45-day clock on which the response was given (receipt day = day 1, 7021(b)).
 * Withdrawn and pending requests are not responses and are not counted. See ADR 011.
 *
 * Pages through rows and keeps a histogram of day counts: memory stays flat for any volume.
 */
export async function compute7102Metrics(ctx: AppContext, input: { year: number }): Promise<Metrics7102> {
  if (!Number.isInteger(input.year) || input.year < 2020 || input.year > 9999) throw new RangeError("year out of range");
  const metrics: Metrics7102 = {
    year: input.year,
    received: 0,
    compliedInWhole: 0,
    compliedInPart: 0,
    denied: 0,
    withdrawn: 0,
    pending: 0,
    denialsByBasis: Object.fromEntries(DENIAL_BUCKETS.map((b) => [b, { whole: 0, part: 0 }])) as Metrics7102["denialsByBasis"],
    daysToRespond: { counted: 0, median: null, mean: null },
  };
  const histogram = new Map<number, number>();
  let totalDays = 0;
  let after: { receivedAt: string; id: string } | null = null;
  for (;;) {
    const page = await listRequestLogPage(ctx.db, { from: `${input.year}-01-01`, to: `${input.year}-12-31`, after, limit: PAGE });
    for (const row of page) {
      const record = toRequestLogRecord(row);
      metrics.received += 1;
      const bucket: DenialBucket = DENIAL_METRIC_BUCKET[row.denial_reason as DenialReason] ?? "other";
      switch (record.response_type) {
        case "complied_in_whole":
          metrics.compliedInWhole += 1;
          break;
        case "complied_in_part":
          metrics.compliedInPart += 1;
          metrics.denialsByBasis[bucket].part += 1;
          break;
        case "denied":
          metrics.denied += 1;
          metrics.denialsByBasis[bucket].whole += 1;
          break;
        case "withdrawn":
          metrics.withdrawn += 1;
          continue;
        default:
          metrics.pending += 1;
          continue;
      }
      if (!record.response_date) continue;
      const days = daysBetween(row.receipt_date, record.response_date) + 1;
      histogram.set(days, (histogram.get(days) ?? 0) + 1);
      totalDays += days;
      metrics.daysToRespond.counted += 1;
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { receivedAt: last.received_at, id: last.id };
  }
  const { counted } = metrics.daysToRespond;
  metrics.daysToRespond.median = medianOf(histogram, counted);
  metrics.daysToRespond.mean = counted === 0 ? null : totalDays / counted;
  return metrics;
}

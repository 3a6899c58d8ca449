import type { AppContext } from "../context";
import { addDays, daysBetween } from "../lib/calendar-date";
import { toRequestLogRecord, type ResponseType } from "../records/request-log-record";
import { listRequestLogPage } from "../records/request-records.repository";

/** Days to respond, in bins read against the 45-day limit and its one 45-day extension (R8, R9). */
export const RESPONSE_DAY_BINS = [
  { label: "1-10", to: 10 },
  { label: "11-20", to: 20 },
  { label: "21-30", to: 30 },
  { label: "31-40", to: 40 },
  { label: "41-45", to: 45 },
  { label: "46-60", to: 60 },
  { label: "61-90", to: 90 },
  { label: "over 90", to: Infinity },
] as const;

export const OUTCOMES: readonly ResponseType[] = ["complied_in_whole", "complied_in_part", "denied", "withdrawn", "pending"];

export interface WeekCounts {
  /** The Monday the week starts on (YYYY-MM-DD). */
  weekStart: string;
  total: number;
  byChannel: Record<string, number>;
  byOutcome: Record<ResponseType, number>;
}

export interface PeriodCharts {
  from: string;
  to: string;
  weeks: WeekCounts[];
  responseDays: { bins: { label: string; count: number }[]; counted: number; median: number | null; p90: number | null; over45: number };
}

const PAGE = 1000;

function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The value below which `share` of the histogram's counts lie (nearest rank). */
function percentile(histogram: Map<number, number>, count: number, share: number): number | null {
  if (count === 0) return null;
  const rank = Math.ceil(share * count);
  let seen = 0;
  for (const [days, n] of [...histogram.entries()].sort(([a], [b]) => a - b)) {
    seen += n;
    if (seen >= rank) return days;
  }
  return null;
}

/**
 * The charts of the metrics page for requests received from `from` to `to` (issue 17.5): requests
 * per week by channel and by outcome, and the distribution of days to respond against the 45-day
 * limit, with the median and 90th percentile. Same rows and response rules as the 7101 log and the
 * 7102 figures (toRequestLogRecord), paged, so memory stays flat at any volume.
 */
export async function computePeriodCharts(ctx: AppContext, input: { from: string; to: string }): Promise<PeriodCharts> {
  const weeks = new Map<string, WeekCounts>();
  for (let monday = mondayOf(input.from); monday <= input.to; monday = addDays(monday, 7)) {
    weeks.set(monday, { weekStart: monday, total: 0, byChannel: {}, byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ResponseType, number> });
  }
  const histogram = new Map<number, number>();
  let counted = 0;
  let after: { receivedAt: string; id: string } | null = null;
  for (;;) {
    const page = await listRequestLogPage(ctx.db, { from: input.from, to: input.to, after, limit: PAGE });
    for (const row of page) {
      const record = toRequestLogRecord(row);
      const week = weeks.get(mondayOf(row.receipt_date))!;
      week.total += 1;
      week.byChannel[row.channel] = (week.byChannel[row.channel] ?? 0) + 1;
      week.byOutcome[record.response_type as ResponseType] += 1;
      if (record.response_date && record.response_type !== "withdrawn") {
        const days = daysBetween(row.receipt_date, record.response_date) + 1;
        histogram.set(days, (histogram.get(days) ?? 0) + 1);
        counted += 1;
      }
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) break;
    after = { receivedAt: last.received_at, id: last.id };
  }
  const bins = RESPONSE_DAY_BINS.map((bin) => ({ label: bin.label, count: 0 }));
  let over45 = 0;
  for (const [days, n] of histogram) {
    bins[RESPONSE_DAY_BINS.findIndex((bin) => days <= bin.to)]!.count += n;
    if (days > 45) over45 += n;
  }
  return {
    from: input.from,
    to: input.to,
    weeks: [...weeks.values()],
    responseDays: { bins, counted, median: percentile(histogram, counted, 0.5), p90: percentile(histogram, counted, 0.9), over45 },
  };
}

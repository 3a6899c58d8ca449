import { createReadableStreamFromReadable } from "@remix-run/node";
import type { AppContext } from "../../server/context";
import { calendarDateIn, isCalendarDate } from "../../server/lib/calendar-date";
import { compute7102Metrics, DENIAL_BUCKETS, type Metrics7102 } from "../../server/ops/compute-7102-metrics";
import { computeOpenByDaysLeft } from "../../server/ops/compute-open-by-days-left";
import { computePeriodCharts, type PeriodCharts } from "../../server/ops/compute-period-charts";
import { recordRecordsExport } from "../../server/ops/record-records-export";
import { render7102Csv } from "../../server/ops/render-7102-csv";
import { exportRequestLog } from "../../server/records/export-request-log";
import { RECEIPT_TIME_ZONE } from "../../server/requests/deadlines.shared";
import { NO_STORE, type SignedInStaff } from "./staff-session.server";

export type { Metrics7102, PeriodCharts };

/** The first year with CCPA requests; the select offers it through the current year. */
const FIRST_YEAR = 2020;

function currentYear(): number {
  return Number(calendarDateIn(new Date(), RECEIPT_TIME_ZONE).slice(0, 4));
}

/** ?year=2025, or the previous calendar year: the one 7102(a) metrics are published for by July 1. */
export function parseMetricsYear(url: URL): number {
  const latest = currentYear();
  const year = Number(url.searchParams.get("year"));
  return Number.isInteger(year) && year >= FIRST_YEAR && year <= latest ? year : latest - 1;
}

/**
 * The metrics page: the caller has passed requireStaff(..., "export:metrics:any"). Shows the chosen
 * calendar year (by default the previous one, which 7102(a) figures are published for) and, beside
 * it, the current year to date, so a new install is not a page of zeros; charts for both, and the
 * open requests by days left today (issue 17.5).
 */
export async function loadMetricsPage(ctx: AppContext, url: URL) {
  const year = parseMetricsYear(url);
  const latest = currentYear();
  const today = calendarDateIn(new Date(), RECEIPT_TIME_ZONE);
  const period = async (y: number, to: string) => ({
    metrics: await compute7102Metrics(ctx, { year: y }),
    charts: await computePeriodCharts(ctx, { from: `${y}-01-01`, to }),
  });
  return {
    chosen: await period(year, `${year}-12-31` < today ? `${year}-12-31` : today),
    yearToDate: year === latest ? null : await period(latest, today),
    openByDaysLeft: await computeOpenByDaysLeft(ctx, { today }),
    buckets: [...DENIAL_BUCKETS],
    years: Array.from({ length: latest - FIRST_YEAR + 1 }, (_, i) => latest - i),
    latest,
    today,
  };
}

const csvHeaders = (filename: string) => ({
  ...NO_STORE,
  "Content-Type": "text/csv; charset=utf-8",
  "Content-Disposition": `attachment; filename="${filename}"`,
  "X-Content-Type-Options": "nosniff",
});

export async function metricsCsvResponse(ctx: AppContext, staff: SignedInStaff, url: URL): Promise<Response> {
  const year = parseMetricsYear(url);
  const csv = render7102Csv(await compute7102Metrics(ctx, { year }));
  await recordRecordsExport(ctx, { staffId: staff.user.id, export: "metrics_7102", from: `${year}-01-01`, to: `${year}-12-31` });
  return new Response(csv, { headers: csvHeaders(`ccpa-7102-metrics-${year}.csv`) });
}

/** The 7101 request log for ?from=&to= (receipt dates, inclusive); 400 for a bad range. */
export async function requestLogCsvResponse(ctx: AppContext, staff: SignedInStaff, url: URL): Promise<Response> {
  const from = url.searchParams.get("from") ?? "";
  const to = url.searchParams.get("to") ?? "";
  if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) {
    return new Response("Give a range of receipt dates: ?from=YYYY-MM-DD&to=YYYY-MM-DD, from on or before to.", {
      status: 400,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  await recordRecordsExport(ctx, { staffId: staff.user.id, export: "request_log", from, to });
  const stream = createReadableStreamFromReadable(exportRequestLog(ctx, { from, to }));
  return new Response(stream, { headers: csvHeaders(`ccpa-request-log-${from}-to-${to}.csv`) });
}

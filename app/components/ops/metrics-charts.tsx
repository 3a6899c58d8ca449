import type { PeriodCharts } from "~/lib/ops-metrics.server";
import { BarChart } from "./bar-chart";
import { CHANNEL_LABELS, label } from "./request-labels";

const OUTCOME_LABELS: Record<string, string> = {
  complied_in_whole: "Complied in whole",
  complied_in_part: "Complied in part",
  denied: "Denied",
  withdrawn: "Withdrawn",
  pending: "Not yet answered",
};

const days = (value: number | null) => (value === null ? "no responses yet" : `${value} ${value === 1 ? "day" : "days"}`);

/** Requests per week by channel and by outcome, and days to respond against the 45-day limit. */
export function MetricsCharts({ id, charts, period }: { id: string; charts: PeriodCharts; period: string }) {
  const weeks = charts.weeks.map((w) => w.weekStart.slice(5));
  const channels = [...new Set(charts.weeks.flatMap((w) => Object.keys(w.byChannel)))].sort();
  const { responseDays } = charts;
  return (
    <div className="metrics-charts">
      <BarChart
        id={`${id}-channel`}
        title={`Requests received per week in ${period}, by channel (weeks start on Monday)`}
        categoryHeader="Week of"
        categories={weeks}
        series={channels.map((c) => ({ key: c, label: label(CHANNEL_LABELS, c), values: charts.weeks.map((w) => w.byChannel[c] ?? 0) }))}
      />
      <BarChart
        id={`${id}-outcome`}
        title={`Requests received per week in ${period}, by outcome so far`}
        categoryHeader="Week of"
        categories={weeks}
        series={Object.entries(OUTCOME_LABELS).map(([key, name]) => ({ key, label: name, values: charts.weeks.map((w) => w.byOutcome[key as keyof typeof w.byOutcome] ?? 0) }))}
      />
      <BarChart
        id={`${id}-days`}
        title={`Days to respond in ${period}: median ${days(responseDays.median)}, 90th percentile ${days(responseDays.p90)}; ${responseDays.over45} of ${responseDays.counted} after day 45`}
        categoryHeader="Day of the clock"
        categories={responseDays.bins.map((b) => b.label)}
        series={[{ key: "responses", label: "Responses", values: responseDays.bins.map((b) => b.count) }]}
        marker={{ after: 4, label: "45-day limit" }}
      />
    </div>
  );
}

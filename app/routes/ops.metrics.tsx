import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ops/field";
import { BarChart } from "~/components/ops/bar-chart";
import { MetricsCharts } from "~/components/ops/metrics-charts";
import { MetricsTables } from "~/components/ops/metrics-tables";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { SelectField } from "~/components/ops/select-field";
import { loadMetricsPage } from "~/lib/ops-metrics.server";
import { NO_STORE, requireStaff } from "~/lib/staff-session.server";

export const meta: MetaFunction = () => [{ title: "Request metrics: privacy operations" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "export:metrics:any");
  return loadMetricsPage(context.app, new URL(request.url));
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context, "export:metrics:any");
  throw new Response("Method not allowed", { status: 405, headers: { ...NO_STORE, Allow: "GET, HEAD" } });
}

export default function Metrics() {
  const { chosen, yearToDate, openByDaysLeft, buckets, years, latest, today } = useLoaderData<typeof loader>();
  const year = chosen.metrics.year;
  return (
    <>
      <h1>Request metrics</h1>
      <p className="lead">
        The figures 11 CCR 7102(a) asks a business handling the personal information of 10 million or more consumers to publish by July 1 for the
        previous calendar year, for requests to know, with the current year so far beside them.
      </p>
      <Form method="get" className="inline-form">
        <SelectField label="Calendar year" name="year" defaultValue={String(year)} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        <button type="submit">Show year</button>
      </Form>
      <section className="panel" aria-labelledby="open-section-title">
        <h2 id="open-section-title">Open requests by days left today ({today})</h2>
        <BarChart
          id="open"
          title="Requests not yet answered, by days left before their due date (extended date where extended)"
          categoryHeader="Days left"
          categories={openByDaysLeft.map((b) => b.label)}
          series={[{ key: "open", label: "Open requests", values: openByDaysLeft.map((b) => b.count) }]}
        />
      </section>
      {yearToDate ? (
        <section className="panel" aria-labelledby="ytd-title">
          <h2 id="ytd-title">
            {latest} so far (1 January to {today})
          </h2>
          <MetricsTables metrics={yearToDate.metrics} buckets={buckets} />
          <MetricsCharts id="ytd" charts={yearToDate.charts} period={`${latest} so far`} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="year-title">
        <h2 id="year-title">{year === latest ? `${year} so far (1 January to ${today})` : `${year}, the whole year`}</h2>
        <MetricsTables metrics={chosen.metrics} buckets={buckets} />
        <MetricsCharts id="year" charts={chosen.charts} period={String(year)} />
      </section>
      <section className="panel" aria-labelledby="exports-title">
        <h2 id="exports-title">Downloads</h2>
        <p>
          <a href={`/ops/metrics.csv?year=${year}`} download>
            Download the {year} metrics (CSV)
          </a>
        </p>
        <h3>Request log (11 CCR 7101)</h3>
        <p>Every request received in the date range, with the dates and nature of the request and the response, and the basis of any denial. No names or contact details. Each download is recorded in the audit trail.</p>
        <Form method="get" action="/ops/request-log.csv" reloadDocument className="inline-form">
          <Field label="Received from" name="from" type="date" required defaultValue={`${year}-01-01`} max={today} />
          <Field label="Received to" name="to" type="date" required defaultValue={`${year}-12-31`} />
          <button type="submit">Download request log (CSV)</button>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;

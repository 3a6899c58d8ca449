import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ops/field";
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
  const { metrics, buckets, years, today } = useLoaderData<typeof loader>();
  const { year } = metrics;
  return (
    <>
      <h1>Request metrics</h1>
      <p className="lead">
        The figures 11 CCR 7102(a) asks a business handling the personal information of 10 million or more consumers to publish by July 1 for the
        previous calendar year, for requests to know.
      </p>
      <Form method="get" className="inline-form">
        <SelectField label="Calendar year" name="year" defaultValue={String(year)} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        <button type="submit">Show year</button>
      </Form>
      <MetricsTables metrics={metrics} buckets={buckets} />
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

import type { Metrics7102 } from "~/lib/ops-metrics.server";

const BUCKET_LABELS: Record<string, string> = {
  not_verifiable: "The request could not be verified",
  not_a_consumer: "The request was not made by a consumer",
  exempt: "The information is exempt from disclosure",
  other: "Other grounds",
};

const days = (value: number | null): string => (value === null ? "No responses" : value.toFixed(1));

/** The 7102(a) figures for requests to know, and how they are counted (ADR 011). */
export function MetricsTables({ metrics, buckets }: { metrics: Metrics7102; buckets: string[] }) {
  const { year } = metrics;
  const rows: [string, number | string][] = [
    ["Received", metrics.received],
    ["Complied with in whole", metrics.compliedInWhole],
    ["Complied with in part", metrics.compliedInPart],
    ["Denied", metrics.denied],
    ["Withdrawn by the requester or closed without a response", metrics.withdrawn],
    ["Not yet answered", metrics.pending],
    ["Median days to respond", days(metrics.daysToRespond.median)],
    ["Mean days to respond", days(metrics.daysToRespond.mean)],
    ["Responses counted for days", metrics.daysToRespond.counted],
  ];
  return (
    <>
      <table className="ops-table metrics-table">
        <caption>Requests to know received in {year}</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="number">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="number">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="ops-table metrics-table">
        <caption>Requests to know received in {year} and denied in whole or in part, by basis</caption>
        <thead>
          <tr>
            <th scope="col">Basis</th>
            <th scope="col" className="number">
              Denied in whole
            </th>
            <th scope="col" className="number">
              Denied in part
            </th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={bucket}>
              <th scope="row">{BUCKET_LABELS[bucket] ?? bucket}</th>
              <td className="number">{metrics.denialsByBasis[bucket as keyof Metrics7102["denialsByBasis"]].whole}</td>
              <td className="number">{metrics.denialsByBasis[bucket as keyof Metrics7102["denialsByBasis"]].part}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="panel" aria-labelledby="definitions-title">
        <h2 id="definitions-title">How these are counted</h2>
        <ul>
          <li>
            A request counts for {year} when its receipt date (Pacific time) is in {year}, and appears once, under its outcome today. Both kinds of
            request to know count: categories and specific pieces.
          </li>
          <li>
            Complied with in part: the disclosure was delivered with some information withheld on a stated basis. Those requests also appear in the
            second table as denied in part.
          </li>
          <li>
            Days to respond counts only substantive responses (complied with in whole or in part, or denied). It is the day of the legal clock on
            which the response was given: the receipt day is day 1, so an answer on the due date counts as 45 days. Withdrawn and unanswered requests
            are left out.
          </li>
        </ul>
      </section>
    </>
  );
}

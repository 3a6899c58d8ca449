import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/ops/csrf-input";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { assertCsrf } from "~/lib/csrf.server";
import { checkConnectorsForOps, loadConnectorsPage } from "~/lib/ops-connectors.server";
import { requireStaff } from "~/lib/staff-session.server";
import type { loader as opsLoader } from "./ops";
import { readForm } from "~/lib/read-form.server";

export const meta: MetaFunction = () => [{ title: "Connectors: privacy operations" }, { name: "robots", content: "noindex" }];

const STATUS_LABELS: Record<string, string> = { ok: "OK", failed: "Failed", timed_out: "Timed out" };
const KIND_LABELS: Record<string, string> = { sql: "Database", http: "API", file: "File export" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "view:connector:any");
  return { ...(await loadConnectorsPage(context.app)), canCheck: staff.permissions.includes("manage:connector:any") };
}

// A POST although it changes nothing: it opens every source, work only an admin should start.
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context, "manage:connector:any");
  await assertCsrf(request, context, await readForm(request));
  return { check: await checkConnectorsForOps(context.app) };
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export default function Connectors() {
  const { sources, failureWindowDays, canCheck } = useLoaderData<typeof loader>();
  const csrf = useRouteLoaderData<typeof opsLoader>("routes/ops")?.csrf ?? { name: "csrf", value: "" };
  const check = useActionData<typeof action>()?.check;
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Connectors</h1>
      <p>
        The business systems the data map names, with the last time a request&apos;s data was collected from each. Only ids, counts and error codes
        are kept about a run, never what was found.
      </p>
      {sources.length === 0 ? (
        <p className="panel">The data map names no sources.</p>
      ) : (
        <table className="ops-table cards connectors-table">
          <caption>Sources and their last collection run</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Last run</th>
              <th scope="col">Status</th>
              <th scope="col" className="number">
                Records
              </th>
              <th scope="col" className="number">
                Duration
              </th>
              <th scope="col">Error code</th>
              <th scope="col" className="number">
                Failures, last {failureWindowDays} days
              </th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id}>
                <th scope="row" data-label="Source">
                  {s.label}
                  <span className="actor-id">{s.id}</span>
                </th>
                <td data-label="Kind">{KIND_LABELS[s.kind] ?? s.kind}</td>
                <td data-label="Last run">{s.lastRunPacific ?? "Never run"}</td>
                <td data-label="Status">
                  {s.lastRun ? <span className={`run-status run-${s.lastRun.status}`}>{STATUS_LABELS[s.lastRun.status] ?? s.lastRun.status}</span> : null}
                </td>
                <td data-label="Records" className="number">
                  {s.lastRun ? s.lastRun.records : null}
                </td>
                <td data-label="Duration" className="number">
                  {s.lastRun ? formatDuration(s.lastRun.durationMs) : null}
                </td>
                <td data-label="Error code">{s.lastRun?.errorCode ? <code>{s.lastRun.errorCode}</code> : null}</td>
                <td data-label={`Failures, last ${failureWindowDays} days`} className="number">
                  {s.recentFailures}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel" aria-labelledby="check-title">
        <h2 id="check-title">Data map check</h2>
        <p>
          Compares the data map with the live sources: every declared table, column, API and export must exist, and every live table must be
          declared. The same check runs from the command line as <code>rtk datamap check</code>.
        </p>
        {check ? (
          <div className={check.ok ? "notice" : "form-error"} role={check.ok ? "status" : "alert"}>
            {check.ok ? (
              <p>OK: every source matches the data map (checked {check.checkedAtPacific}).</p>
            ) : (
              <>
                <p>The live sources do not match the data map (checked {check.checkedAtPacific}).</p>
                <ul className="check-results">
                  {check.sources.map((s) => (
                    <li key={s.id}>
                      <strong>{s.label}</strong> <span className="actor-id">{s.id}</span>
                      {s.ok ? (
                        <p>OK</p>
                      ) : (
                        <ul>
                          {s.issues.map((issue, i) => (
                            <li key={i}>
                              <code>{issue.path}</code>: {issue.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                  {check.other.map((issue, i) => (
                    <li key={`other-${i}`}>
                      <code>{issue.path}</code>: {issue.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : null}
        {canCheck ? (
          <Form method="post">
            <CsrfInput field={csrf} />
            <button type="submit" disabled={busy}>
              Check now
            </button>
          </Form>
        ) : (
          <p>Only an administrator can run the check from here.</p>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;

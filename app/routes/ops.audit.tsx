import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { AuditTable } from "~/components/ops/audit-table";
import { CsrfInput } from "~/components/ops/csrf-input";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { assertCsrf } from "~/lib/csrf.server";
import { loadAuditPage, verifyAuditChainForOps } from "~/lib/ops-audit.server";
import { requireStaff } from "~/lib/staff-session.server";
import type { loader as opsLoader } from "./ops";
import { readForm } from "~/lib/read-form.server";

export const meta: MetaFunction = () => [{ title: "Audit trail: privacy operations" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "view:audit:any");
  return loadAuditPage(context.app, new URL(request.url));
}

// A POST although it changes nothing: walking the whole chain is work only a person should start.
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context, "view:audit:any");
  await assertCsrf(request, context, await readForm(request));
  return { verdict: await verifyAuditChainForOps(context.app) };
}

export default function AuditTrail() {
  const { items, olderThan, requestId, isFirstPage } = useLoaderData<typeof loader>();
  const csrf = useRouteLoaderData<typeof opsLoader>("routes/ops")?.csrf ?? { name: "csrf", value: "" };
  const verdict = useActionData<typeof action>()?.verdict;
  const busy = useNavigation().state !== "idle";
  const base = requestId ? `/ops/audit?request=${requestId}` : "/ops/audit";
  return (
    <>
      <h1>Audit trail</h1>
      <section className="panel" aria-labelledby="chain-title">
        <h2 id="chain-title">Integrity</h2>
        <p>
          Every event is chained to the one before it by a hash, so a changed, removed or inserted row breaks the chain from that point on. The
          same check runs from the command line as <code>rtk audit verify</code>.
        </p>
        {verdict ? (
          <div className={verdict.ok ? "notice" : "form-error"} role={verdict.ok ? "status" : "alert"}>
            <p>
              {verdict.ok
                ? `Chain OK: all ${verdict.checked} events verified.`
                : `Chain broken at seq ${verdict.brokenSeq}: that event was changed, removed or re-chained. The ${verdict.checked} events before it verified.`}
            </p>
          </div>
        ) : null}
        <Form method="post">
          <CsrfInput field={csrf} />
          <button type="submit" disabled={busy}>
            Verify chain
          </button>
        </Form>
      </section>
      {requestId ? (
        <p>
          Showing the events of request <span className="request-id">{requestId}</span>. <Link to="/ops/audit">Show all events</Link>
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="panel">No events recorded{requestId ? " for this request" : ""}.</p>
      ) : (
        <AuditTable items={items} caption={`Audit events, newest first${isFirstPage ? "" : " (older page)"}`} />
      )}
      {olderThan !== null || !isFirstPage ? (
        <nav aria-label="Audit pages" className="pager">
          {isFirstPage ? <span /> : <Link to={base}>Newest events</Link>}
          {olderThan !== null ? <Link to={`${base}${requestId ? "&" : "?"}before=${olderThan}`}>Older events</Link> : <span />}
        </nav>
      ) : null}
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;

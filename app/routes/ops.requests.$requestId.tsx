import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { DisclosureReview } from "~/components/ops/disclosure-review";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { RequestActions } from "~/components/ops/request-actions";
import { AgentFacts, DeadlineFacts, RequesterFacts, VerificationFacts } from "~/components/ops/request-facts";
import { STATE_LABELS, TYPE_LABELS, label } from "~/components/ops/request-labels";
import { RequestTimeline } from "~/components/ops/request-timeline";
import { assertCsrf } from "~/lib/csrf.server";
import {
  approveForOps,
  denyForOps,
  extendForOps,
  isRequestIntent,
  loadOpsRequest,
  REQUEST_ACTION_PERMISSIONS,
  resendForOps,
  withholdForOps,
} from "~/lib/ops-request.server";
import { matchForOps, searchForOps, undoForOps } from "~/lib/ops-review.server";
import { NO_STORE, requireStaff } from "~/lib/staff-session.server";
import type { loader as opsLoader } from "./ops";
import { readForm } from "~/lib/read-form.server";

export const meta: MetaFunction = () => [{ title: "Request: privacy operations" }, { name: "robots", content: "noindex" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "view:request:any");
  return loadOpsRequest(context.app, staff, params.requestId ?? "", new URL(request.url).searchParams);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context, "view:request:any");
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const intent = form.get("intent");
  if (!isRequestIntent(intent)) throw new Response("Bad request", { status: 400, headers: NO_STORE });
  // Each decision has its own permission (R39, R42), checked again here: the page hides what a role may not do, nothing more.
  if (!staff.permissions.includes(REQUEST_ACTION_PERMISSIONS[intent])) throw new Response("Forbidden", { status: 403, headers: NO_STORE });
  const requestId = params.requestId ?? "";
  if (!/^[0-9a-z]{26}$/.test(requestId)) throw new Response("Not found", { status: 404, headers: NO_STORE });
  if (intent === "search") return data(await searchForOps(context.app, staff, requestId, form, new URL(request.url).searchParams));
  const outcome =
    intent === "preview_match" || intent === "withhold_match"
      ? await matchForOps(context.app, staff, requestId, form, intent)
      : intent === "undo"
        ? await undoForOps(context.app, staff, requestId, form)
        : intent === "deny"
      ? await denyForOps(context.app, staff, requestId, form)
      : intent === "extend"
        ? await extendForOps(context.app, staff, requestId, form)
        : intent === "withhold"
          ? await withholdForOps(context.app, staff, requestId, form)
          : intent === "approve"
            ? await approveForOps(context.app, staff, requestId, form)
            : await resendForOps(context.app, staff, requestId);
  const status = outcome.ok ? 200 : "error" in outcome && outcome.error === "conflict" ? 409 : 400;
  return data(outcome, { status });
}

/**
 * Remix skips reloading after a 4xx action. A refusal because the request changed (a conflict, an
 * extension a colleague already gave, a request answered meanwhile) must show the current state at
 * once; only a form with missing fields keeps the page as it was.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  const result = actionResult as { ok?: boolean; error?: string; intent?: string } | undefined;
  // A search or a preview changes nothing: the page need not be read again (at 100k records, a second scan).
  if (result?.intent === "search" || result?.intent === "preview_match") return false;
  if (result?.ok === false && result.error !== "fields" && result.error !== "reason_required") return true;
  return defaultShouldRevalidate;
};

export default function OpsRequest() {
  const { request, actions, denialReasons, review } = useLoaderData<typeof loader>();
  const csrf = useRouteLoaderData<typeof opsLoader>("routes/ops")?.csrf ?? { name: "csrf", value: "" };
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/ops/requests">Request queue</Link>
      </p>
      <h1>
        Request <span className="request-id">{request.id}</span>
      </h1>
      <p className="request-status">
        <span className="state-pill">{label(STATE_LABELS, request.state)}</span> {label(TYPE_LABELS, request.type)} request
      </p>
      {params.get("recorded") === "1" ? (
        <div className="notice" role="status">
          <p>Request recorded. The consumer gets the receipt confirmation by e-mail and verifies their identity on the request page as usual.</p>
        </div>
      ) : null}
      <div className="grid request-facts">
        <DeadlineFacts request={request} />
        <RequesterFacts request={request} />
        <VerificationFacts request={request} />
        <AgentFacts request={request} />
      </div>
      <RequestActions
        request={request}
        actions={actions}
        denialReasons={denialReasons}
        csrf={csrf}
        result={result?.intent === "deny" || result?.intent === "extend" || result?.intent === "resend" ? result : undefined}
        busy={busy}
      />
      {review ? (
        <DisclosureReview
          request={request}
          review={review}
          csrf={csrf}
          result={result && "intent" in result && result.intent !== "deny" && result.intent !== "extend" && result.intent !== "resend" ? result : undefined}
          busy={busy}
        />
      ) : result?.intent === "approve" && result.ok ? (
        <div className="notice" role="status">
          <p>Disclosure approved. It is being rendered without the withheld values, and the consumer will be told when it is ready.</p>
        </div>
      ) : null}
      <RequestTimeline events={request.events} />
      <p>
        <Link to={`/ops/audit?request=${request.id}`}>Audit trail of this request</Link>
      </p>
    </>
  );
}

export const ErrorBoundary = OpsErrorBoundary;

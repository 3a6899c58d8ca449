import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AGENT_DENIAL_LABELS, AGENT_STATE_LABELS, AUTHORIZATION_TEXT, labelOf, TYPE_TEXT } from "~/components/agent/agent-labels";
import { ResendConfirmationPanel } from "~/components/agent/resend-confirmation-panel";
import { loadRequestForAgent, resendConfirmationForAgent } from "~/lib/agent-requests.server";
import { NO_STORE, requireAgent } from "~/lib/agent-session.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import agentStyles from "~/styles/agent.css";
import { readForm } from "~/lib/read-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta: MetaFunction = () => [{ title: "Request: authorized agents" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

// Guard: signed-in agent; the service answers only for this agent's own requests (404 otherwise).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const agent = await requireAgent(request, context);
  const view = await loadRequestForAgent(context, agent, params.requestId);
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ request: view, csrf: { name: CSRF_FIELD, value: token } }, { headers });
}

const RESEND_STATUS = { sent: 200, too_soon: 429, limit_reached: 429, not_pending: 409, mail_failed: 503 } as const;

// "Send the confirmation mail again": same guard, then the CSRF check; the service re-checks that
// this agent made the request, that the consumer has not answered, and the throttle.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const agent = await requireAgent(request, context);
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const resend = await resendConfirmationForAgent(context, agent, params.requestId);
  return data({ resend }, { status: RESEND_STATUS[resend.status], headers: NO_STORE });
}

export default function AgentRequest() {
  const { request, csrf } = useLoaderData<typeof loader>();
  const resend = useActionData<typeof action>()?.resend;
  const [params] = useSearchParams();
  const auth = request.authorization;
  return (
    <section className="consumer" lang="en" aria-labelledby="page-title">
      <p>
        <Link to="/agent">Your requests</Link>
      </p>
      <h1 id="page-title">Request for {request.consumerName}</h1>
      {params.get("submitted") === "1" ? (
        <div className="notice" role="status">
          <p>
            {auth?.kind === "power_of_attorney"
              ? "Request received. With a power of attorney the consumer takes no further step; our privacy team checks the document before anything is released."
              : "Request received. We have e-mailed the consumer to confirm your authorization and to verify their identity with us."}
          </p>
        </div>
      ) : null}
      <dl className="agent-facts">
        <dt>Status</dt>
        <dd>{labelOf(AGENT_STATE_LABELS, request.status)}</dd>
        {request.denialReason ? (
          <>
            <dt>Reason</dt>
            <dd>{labelOf(AGENT_DENIAL_LABELS, request.denialReason)}</dd>
          </>
        ) : null}
        <dt>Request</dt>
        <dd>{labelOf(TYPE_TEXT, request.type)}</dd>
        <dt>Received</dt>
        <dd>{request.receiptDate}</dd>
        <dt>Due by</dt>
        <dd>{request.dueDate}</dd>
        <dt>Request number</dt>
        <dd>{request.id}</dd>
        {auth ? (
          <>
            <dt>Your proof of authority</dt>
            <dd>
              {labelOf(AUTHORIZATION_TEXT, auth.kind)} (
              <a href={`/agent/requests/${request.id}/authorization/${auth.id}`} download>
                download your upload
              </a>
              )
              {auth.kind === "signed_permission"
                ? auth.consumerAnswer === "confirmed"
                  ? ". The consumer confirmed it."
                  : auth.consumerAnswer === "refused"
                    ? ". The consumer refused it."
                    : ". The consumer has not answered yet."
                : null}
            </dd>
          </>
        ) : null}
      </dl>
      {request.confirmationResend || resend ? <ResendConfirmationPanel state={request.confirmationResend} result={resend} csrf={csrf} /> : null}
      {request.canDownload ? (
        <section className="panel" aria-labelledby="download-title">
          <h2 id="download-title">The disclosure</h2>
          <p>{auth?.kind === "power_of_attorney" ? "As the holder of a power of attorney, you may download it." : "The consumer agreed that you may download it."}</p>
          <div className="button-row">
            <a className="button" href={`/agent/requests/${request.id}/disclosure.pdf`} download>
              Download PDF
            </a>
            <a className="button secondary" href={`/agent/requests/${request.id}/disclosure.json`} download>
              Download JSON
            </a>
            <a className="button secondary" href={`/agent/requests/${request.id}/disclosure.zip`} download>
              Download everything (ZIP)
            </a>
          </div>
        </section>
      ) : request.state === "delivered" ? (
        <p>We have answered the consumer directly. Under our policy the disclosure goes only to the consumer.</p>
      ) : null}
    </section>
  );
}

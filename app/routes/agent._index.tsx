import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AGENT_STATE_LABELS, labelOf, TYPE_TEXT } from "~/components/agent/agent-labels";
import { listRequestsForAgent } from "~/lib/agent-requests.server";
import { getAgent, NO_STORE } from "~/lib/agent-session.server";
import { CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import agentStyles from "~/styles/agent.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta: MetaFunction = () => [{ title: "Authorized agents: right to know" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

// Public: signed out it explains the portal; signed in it lists only this agent's requests.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const agent = await getAgent(request, context);
  if (!agent) return data({ agent: null, requests: [], csrf: null }, { headers: NO_STORE });
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  const requests = await listRequestsForAgent(context, agent);
  return data({ agent: { name: agent.agent.name }, requests, csrf: { name: CSRF_FIELD, value: token } }, { headers });
}

export default function AgentHome() {
  const { agent, requests, csrf } = useLoaderData<typeof loader>();
  if (!agent || !csrf) {
    return (
      <section className="consumer" lang="en" aria-labelledby="page-title">
        <h1 id="page-title">Authorized agents</h1>
        <p className="lead">
          If a consumer asked you to find out what personal information we hold about them, you can make the request for them here. You need the consumer&apos;s signed
          permission or a power of attorney. The consumer will be asked to confirm your authorization and to verify their identity with us directly, unless you hold a
          power of attorney.
        </p>
        <div className="button-row">
          <Link className="button" to="/agent/register">
            Register as an agent
          </Link>
          <Link className="button secondary" to="/agent/login">
            Sign in
          </Link>
        </div>
      </section>
    );
  }
  return (
    <section className="consumer" lang="en" aria-labelledby="page-title">
      <div className="agent-bar">
        <p>
          Signed in as {agent.name} · <Link to="/agent/security">Two-step sign-in</Link>
        </p>
        <Form method="post" action="/agent/logout">
          <input type="hidden" name={csrf.name} value={csrf.value} />
          <button type="submit" className="secondary">
            Sign out
          </button>
        </Form>
      </div>
      <h1 id="page-title">Your requests</h1>
      <p>
        <Link className="button" to="/agent/requests/new">
          Make a request for a consumer
        </Link>
      </p>
      {requests.length === 0 ? (
        <p>You have not made any requests yet.</p>
      ) : (
        <div className="agent-table-wrap">
          <table className="agent-table">
            <caption className="visually-hidden">Your requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Consumer</th>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
                <th scope="col">Due by</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td data-label="Consumer">
                    <Link to={`/agent/requests/${r.id}`}>{r.consumerName}</Link>
                  </td>
                  <td data-label="Request">{labelOf(TYPE_TEXT, r.type)}</td>
                  <td data-label="Status">{labelOf(AGENT_STATE_LABELS, r.status)}</td>
                  <td data-label="Received">{r.receiptDate}</td>
                  <td data-label="Due by">{r.dueDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

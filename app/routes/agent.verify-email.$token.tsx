import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { confirmAgentEmail } from "~/lib/agent-account.server";
import { NO_STORE } from "~/lib/agent-session.server";
import agentStyles from "~/styles/agent.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta: MetaFunction = () => [{ title: "Confirm your e-mail: authorized agents" }, { name: "robots", content: "noindex" }];
// The token is in the address: no referrer may carry it elsewhere.
export const headers = () => ({ ...NO_STORE, "Referrer-Policy": "no-referrer" });

// Guard: the single-use link token is the only key. Confirming on GET is safe here: it only
// activates the account the token was made for, and the token works once.
export async function loader({ context, params }: LoaderFunctionArgs) {
  const confirmed = await confirmAgentEmail(context, params.token ?? "");
  return data({ confirmed }, { status: confirmed ? 200 : 404, headers: NO_STORE });
}

export default function AgentVerifyEmail() {
  const { confirmed } = useLoaderData<typeof loader>();
  return (
    <section className="consumer narrow" lang="en" aria-labelledby="page-title">
      <h1 id="page-title">{confirmed ? "Your e-mail address is confirmed" : "This link no longer works"}</h1>
      <p className="lead">{confirmed ? "You can now sign in and make requests for consumers." : "It may have been used already or expired. Sign in, or register again."}</p>
      <p>
        <Link className="button" to="/agent/login">
          Sign in
        </Link>
      </p>
    </section>
  );
}

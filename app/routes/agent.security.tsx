import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/consumer/csrf-field";
import { TextField } from "~/components/consumer/text-field";
import { loadAgentTotp, turnOnAgentTotp } from "~/lib/agent-security.server";
import { NO_STORE, requireAgent } from "~/lib/agent-session.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import agentStyles from "~/styles/agent.css";
import { readForm } from "~/lib/read-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta: MetaFunction = () => [{ title: "Two-step sign-in: authorized agents" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const agent = await requireAgent(request, context);
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ ...(await loadAgentTotp(context, agent)), csrf: { name: CSRF_FIELD, value: token } }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const agent = await requireAgent(request, context);
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const result = await turnOnAgentTotp(context, agent, form);
  return data({ result }, { status: result === "ok" ? 200 : 400, headers: NO_STORE });
}

export default function AgentSecurity() {
  const { on, qrDataUrl, secretGroups, csrf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const busy = useNavigation().state === "submitting";
  return (
    <section className="consumer narrow" lang="en" aria-labelledby="page-title">
      <p>
        <Link to="/agent">Your requests</Link>
      </p>
      <h1 id="page-title">Two-step sign-in</h1>
      {on || result === "ok" ? (
        <div className="notice" role="status">
          <p>Two-step sign-in is on. After your password, we will ask for the code from your authenticator app.</p>
        </div>
      ) : qrDataUrl ? (
        <>
          <p className="lead">Optional, and recommended: with it, a stolen password alone cannot open your account.</p>
          <p>Scan this code with an authenticator app, or type the key by hand, then enter the 6-digit code the app shows.</p>
          <img src={qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} />
          <p>
            Key: <code>{secretGroups.join(" ")}</code>
          </p>
          <Form method="post" className="consumer-form">
            <CsrfField token={csrf} />
            <TextField
              name="code"
              label="6-digit code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              className="field-code"
              error={result ? "That code did not work. Check the app's clock and try the next code." : null}
            />
            <button type="submit" className="primary" disabled={busy}>
              Turn on two-step sign-in
            </button>
          </Form>
        </>
      ) : (
        <p>Two-step sign-in is not available for this account.</p>
      )}
    </section>
  );
}

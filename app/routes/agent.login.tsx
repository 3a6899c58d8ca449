import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/consumer/csrf-field";
import { TextField } from "~/components/consumer/text-field";
import { SignInWait } from "~/components/sign-in-wait";
import { signInAgentFromForm } from "~/lib/agent-account.server";
import { commitAgentSession, getAgent, NO_STORE, safeAgentRedirect } from "~/lib/agent-session.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import agentStyles from "~/styles/agent.css";
import { readForm } from "~/lib/read-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta: MetaFunction = () => [{ title: "Sign in: authorized agents" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

const MESSAGES = {
  failed: "That e-mail address and password did not work. After 5 failed attempts, each further try from this network has to wait longer, up to 15 minutes.",
  unconfirmed: "Confirm your e-mail address first: open the link we sent when you registered.",
  needs_code: "Two-step sign-in is on for this account: enter your password again and the 6-digit code from your authenticator app.",
} as const;

// Public: the way in. Signed-in agents go straight to their requests.
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getAgent(request, context)) throw redirect("/agent", { headers: NO_STORE });
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ csrf: { name: CSRF_FIELD, value: token }, redirectTo: safeAgentRedirect(new URL(request.url).searchParams.get("redirectTo")) }, { headers });
}

// Rate-limited per IP by the strictest tier; failed sign-ins slow this address from this IP and
// lock only an IP, never the account (ADR 040).
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const result = await signInAgentFromForm(context, form);
  if (result.status === "signed_in") {
    const cookie = await commitAgentSession(context, result.agentId);
    return redirect(safeAgentRedirect(form.get("redirectTo")), { headers: { ...NO_STORE, "Set-Cookie": cookie } });
  }
  const retryAfterSeconds = result.status === "failed" ? result.retryAfterSeconds : null;
  const email = String(form.get("email") ?? "").slice(0, 320);
  if (retryAfterSeconds) return data({ error: "waiting" as const, email, retryAfterSeconds }, { status: 429, headers: { ...NO_STORE, "Retry-After": String(retryAfterSeconds) } });
  return data({ error: result.status, email, retryAfterSeconds: null }, { status: 401, headers: NO_STORE });
}

export default function AgentLogin() {
  const { csrf, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const askCode = result?.error === "needs_code";
  return (
    <section className="consumer narrow" lang="en" aria-labelledby="page-title">
      <h1 id="page-title">Sign in as an authorized agent</h1>
      {result?.error === "waiting" && result.retryAfterSeconds ? (
        <SignInWait key={result.retryAfterSeconds} seconds={result.retryAfterSeconds} />
      ) : result && result.error !== "waiting" ? (
        <div className={askCode ? "notice" : "form-error"} role="alert">
          <p>{MESSAGES[result.error]}</p>
        </div>
      ) : null}
      <Form method="post" className="consumer-form">
        <CsrfField token={csrf} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="email" label="E-mail address" type="email" autoComplete="username" defaultValue={result?.email} required />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" required />
        {askCode ? <TextField name="code" label="6-digit code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="field-code" /> : null}
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </Form>
      <p>
        New here? <Link to="/agent/register">Register as an agent</Link>
      </p>
    </section>
  );
}

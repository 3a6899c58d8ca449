import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ChoiceGroup } from "~/components/consumer/choice-group";
import { CsrfField } from "~/components/consumer/csrf-field";
import { ErrorSummary } from "~/components/consumer/error-summary";
import { TextField } from "~/components/consumer/text-field";
import { MIN_PASSWORD_LENGTH, registerAgentFromForm } from "~/lib/agent-account.server";
import { getAgent, NO_STORE } from "~/lib/agent-session.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import agentStyles from "~/styles/agent.css";
import { readForm } from "~/lib/read-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta: MetaFunction = () => [{ title: "Register as an authorized agent: right to know" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

/** Field messages; the password rule comes from the loader (a .server value is undefined in the browser). */
const messages = (minPasswordLength: number): Record<string, string> => ({
  kind: "Choose whether you act as a person or as a business.",
  name: "Enter your full legal name, or the business's registered name.",
  email: "Enter a valid e-mail address.",
  sosNumber: "The Secretary of State number may contain only letters, digits and hyphens.",
  password: `Choose a password of at least ${minPasswordLength} characters.`,
  acceptedDuties: "Accept the duties of an authorized agent to continue.",
});

// Public; the strictest per-IP tier covers POSTs under /agent (server/http/rate-limits.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getAgent(request, context)) throw redirect("/agent", { headers: NO_STORE });
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ csrf: { name: CSRF_FIELD, value: token }, minPasswordLength: MIN_PASSWORD_LENGTH }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const outcome = await registerAgentFromForm(context, form);
  if (outcome.ok) return redirect("/agent/register?sent=1", { headers: NO_STORE });
  return data(outcome, { status: 400, headers: NO_STORE });
}

export default function AgentRegister() {
  const { csrf, minPasswordLength } = useLoaderData<typeof loader>();
  const MESSAGES = messages(minPasswordLength);
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  if (params.get("sent") === "1") {
    return (
      <section className="consumer narrow" lang="en" aria-labelledby="page-title">
        <h1 id="page-title">Check your e-mail</h1>
        <p className="lead">We sent a link to confirm your e-mail address. Open it within 24 hours, then sign in.</p>
        <p>
          <Link to="/agent/login">Sign in</Link>
        </p>
      </section>
    );
  }
  const failed = result && !result.ok ? result : null;
  const errorOf = (field: string) => (failed?.fields.includes(field) ? MESSAGES[field] ?? null : null);
  const errors = (failed?.fields ?? []).filter((f) => MESSAGES[f]).map((field) => ({ field, message: MESSAGES[field]! }));
  return (
    <section className="consumer narrow" lang="en" aria-labelledby="page-title">
      <h1 id="page-title">Register as an authorized agent</h1>
      <p className="lead">An authorized agent is a person or a business that a consumer has allowed to make a request for them (11 CCR 7001(d)).</p>
      <ErrorSummary errors={errors} trigger={failed} />
      <Form method="post" noValidate className="consumer-form">
        <CsrfField token={csrf} />
        <ChoiceGroup
          name="kind"
          legend="You act as"
          choices={[
            { value: "person", label: "A person", hint: "For example a family member, a friend or a lawyer acting personally." },
            { value: "business", label: "A business", hint: "A company or other entity. Give its California Secretary of State number if it has one." },
          ]}
          defaultValue={failed?.values.kind}
          error={errorOf("kind")}
        />
        <TextField name="name" label="Full legal name (or business name)" autoComplete="name" maxLength={200} defaultValue={failed?.values.name} error={errorOf("name")} />
        <TextField name="email" label="E-mail address" type="email" autoComplete="email" maxLength={320} defaultValue={failed?.values.email} error={errorOf("email")} />
        <TextField
          name="sosNumber"
          label="California Secretary of State entity number"
          hint="Businesses only. We show it to our privacy team to check."
          optional
          maxLength={64}
          defaultValue={failed?.values.sosNumber}
          error={errorOf("sosNumber")}
        />
        <TextField name="password" label="Password" type="password" autoComplete="new-password" hint={`At least ${minPasswordLength} characters.`} error={errorOf("password")} />
        <fieldset className="group">
          <legend>Your duties as an agent</legend>
          <p className="declaration-text">
            I will keep the consumer&apos;s personal information secure with reasonable safeguards, and use it only to fulfil the consumer&apos;s request, to verify it, or to
            prevent fraud (11 CCR 7063(c)-(d)).
          </p>
          <div className={`checkbox${errorOf("acceptedDuties") ? " field-invalid" : ""}`}>
            <input type="checkbox" id="field-acceptedDuties" name="acceptedDuties" value="yes" aria-invalid={errorOf("acceptedDuties") ? true : undefined} />
            <label htmlFor="field-acceptedDuties">I accept these duties</label>
            {errorOf("acceptedDuties") ? <p className="field-error">{errorOf("acceptedDuties")}</p> : null}
          </div>
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          Register
        </button>
      </Form>
      <p>
        Already registered? <Link to="/agent/login">Sign in</Link>
      </p>
    </section>
  );
}

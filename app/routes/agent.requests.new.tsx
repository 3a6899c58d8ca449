import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ChoiceGroup } from "~/components/consumer/choice-group";
import { CsrfField } from "~/components/consumer/csrf-field";
import { ErrorSummary } from "~/components/consumer/error-summary";
import { TextField } from "~/components/consumer/text-field";
import { REQUEST_FORM_MESSAGES } from "~/components/agent/request-form-messages";
import { submitRequestForAgent } from "~/lib/agent-requests.server";
import { NO_STORE, requireAgent } from "~/lib/agent-session.server";
import { CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import agentStyles from "~/styles/agent.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta: MetaFunction = () => [{ title: "New request for a consumer: authorized agents" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAgent(request, context);
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ csrf: { name: CSRF_FIELD, value: token } }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const agent = await requireAgent(request, context);
  const outcome = await submitRequestForAgent(request, context, agent);
  if (outcome.ok) return redirect(`/agent/requests/${outcome.requestId}?submitted=1`, { headers: NO_STORE });
  return data(outcome, { status: outcome.fields.includes("document_too_large") ? 413 : 400, headers: NO_STORE });
}

export default function AgentNewRequest() {
  const { csrf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : null;
  const values = failed?.values ?? {};
  // Every document problem is shown on the one file field.
  const errorFields = (failed?.fields ?? []).map((f) => (f.startsWith("document_") ? "document" : f));
  const messageOf = (field: string) => {
    const code = failed?.fields.find((f) => (field === "document" ? f.startsWith("document_") : f === field));
    return code ? (REQUEST_FORM_MESSAGES[code] ?? null) : null;
  };
  const errors = [...new Set(errorFields)].map((field) => ({ field, message: messageOf(field) ?? "" })).filter((e) => e.message);
  return (
    <section className="consumer" lang="en" aria-labelledby="page-title">
      <p>
        <Link to="/agent">Your requests</Link>
      </p>
      <h1 id="page-title">Make a request for a consumer</h1>
      <p className="lead">
        We will e-mail the consumer to ask whether they authorized you, and they will confirm their identity with us directly. With a power of attorney these steps are
        skipped (11 CCR 7063(b)).
      </p>
      <ErrorSummary errors={errors} trigger={failed} />
      <Form method="post" encType="multipart/form-data" noValidate className="consumer-form">
        <CsrfField token={csrf} />
        <fieldset className="group">
          <legend>The consumer</legend>
          <p className="field-hint">We compare these details with what we hold. We never tell you which ones matched.</p>
          <TextField name="name" label="Consumer's full name" maxLength={200} defaultValue={values.name} error={messageOf("name")} />
          <TextField name="email" label="Consumer's e-mail address" type="text" inputMode="email" spellCheck={false} autoCapitalize="none" maxLength={320} hint="We write to the consumer at this address." defaultValue={values.email} error={messageOf("email")} />
          <TextField name="phone" label="Consumer's phone number" type="tel" optional maxLength={40} defaultValue={values.phone} error={messageOf("phone")} />
          <TextField name="street" label="Street address" optional maxLength={200} defaultValue={values.street} />
          <div className="field-row">
            <TextField name="city" label="City" maxLength={100} defaultValue={values.city} />
            <TextField name="state" label="State" maxLength={40} defaultValue={values.state} className="field-short" />
            <TextField name="postalCode" label="ZIP code" maxLength={20} defaultValue={values.postalCode} className="field-short" />
          </div>
        </fieldset>
        <ChoiceGroup
          name="californiaResident"
          legend="Does the consumer live in California?"
          inline
          choices={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          defaultValue={values.californiaResident}
          error={messageOf("californiaResident")}
        />
        <ChoiceGroup
          name="type"
          legend="What does the consumer want to know?"
          choices={[
            { value: "categories", label: "The categories of information", hint: "What kinds of information we collect, where from, why, and who receives it." },
            { value: "specific", label: "The specific pieces of information", hint: "A copy of the information itself." },
          ]}
          defaultValue={values.type}
          error={messageOf("type")}
        />
        <ChoiceGroup
          name="period"
          legend="Which period?"
          choices={[
            { value: "12_months", label: "The 12 months before today" },
            { value: "since_2022", label: "Everything since January 1, 2022" },
          ]}
          defaultValue={values.period ?? "12_months"}
          error={messageOf("period")}
        />
        <ChoiceGroup
          name="language"
          legend="Language for our messages to the consumer"
          inline
          choices={[
            { value: "en", label: "English" },
            { value: "es", label: "Español", lang: "es" },
          ]}
          defaultValue={values.language ?? "en"}
          error={messageOf("language")}
        />
        <ChoiceGroup
          name="authorizationKind"
          legend="Your proof of authority"
          choices={[
            { value: "signed_permission", label: "Permission signed by the consumer" },
            { value: "power_of_attorney", label: "Power of attorney", hint: "Under California Probate Code sections 4000 to 4465." },
          ]}
          defaultValue={values.authorizationKind}
          error={messageOf("authorizationKind")}
        />
        <div className={`field${messageOf("document") ? " field-invalid" : ""}`}>
          <label htmlFor="field-document">The signed document</label>
          <p id="field-document-hint" className="field-hint">
            PDF, PNG or JPEG, at most 10 MB.
          </p>
          {messageOf("document") ? (
            <p id="field-document-error" className="field-error">
              {messageOf("document")}
            </p>
          ) : null}
          <input
            type="file"
            id="field-document"
            name="document"
            accept="application/pdf,image/png,image/jpeg"
            aria-invalid={messageOf("document") ? true : undefined}
            aria-describedby={messageOf("document") ? "field-document-hint field-document-error" : "field-document-hint"}
          />
        </div>
        <div className={`checkbox${messageOf("declaration") ? " field-invalid" : ""}`}>
          <input type="checkbox" id="field-declaration" name="declaration" value="yes" aria-describedby="field-declaration-hint" />
          <label htmlFor="field-declaration">I declare under penalty of perjury under the laws of California that I hold this power of attorney and that it covers this request</label>
          <p id="field-declaration-hint" className="field-hint block">
            Required with a power of attorney only.
          </p>
          {messageOf("declaration") ? <p className="field-error">{messageOf("declaration")}</p> : null}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Send the request
        </button>
      </Form>
    </section>
  );
}

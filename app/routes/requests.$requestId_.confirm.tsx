import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { consumerMeta, NO_STORE } from "~/components/consumer/consumer-meta";
import { CsrfField } from "~/components/consumer/csrf-field";
import { ErrorSummary } from "~/components/consumer/error-summary";
import { StepIndicator } from "~/components/consumer/step-indicator";
import { TextField, fieldId } from "~/components/consumer/text-field";
import { confirmConsumerIdentity, needsConfirmation } from "~/lib/consumer-confirm.server";
import { loadConsumerRequest } from "~/lib/consumer-request.server";
import { requireConsumerRequest } from "~/lib/consumer-session.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { getLanguage } from "~/lib/language.server";
import { readForm } from "~/lib/read-form.server";

export const meta = consumerMeta("confirm");
export const headers = () => NO_STORE;

// Guard: only the session the e-mail code opened for this request (404 for anyone else, X10).
// Once the request is decided there is nothing to confirm: the status page says what happened.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireConsumerRequest(request, context, params.requestId);
  if (!(await needsConfirmation(context, session.requestId))) throw redirect(`/requests/${session.requestId}`, { headers: NO_STORE });
  const view = await loadConsumerRequest(context, session.requestId, await getLanguage(request));
  const { token } = await getCsrfToken(request, context);
  // An agent's request: the consumer is told who gave the details, and can read the permission they filed (issue 17.6).
  const agent = view.agent ? { name: view.agent.agentName } : null;
  return data({ id: view.id, type: view.type, points: view.points, agent, csrf: { name: CSRF_FIELD, value: token } }, { headers: NO_STORE });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const session = await requireConsumerRequest(request, context, params.requestId);
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const outcome = await confirmConsumerIdentity(context, session.requestId, form);
  if (!outcome.ok) return data(outcome, { status: 400, headers: NO_STORE });
  // Every outcome (verified, downgraded with M-UNV-SP, denied with M-UNV-CAT) is explained on the
  // status page, which reads it from the request, so a reload or a later visit shows the same.
  return redirect(`/requests/${session.requestId}`, { headers: NO_STORE });
}

export default function ConfirmIdentity() {
  const { t } = useTranslation();
  const { id, type, points, agent, csrf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : [];
  const errorOf = (field: "signatureName" | "signatureAccepted") => (errors.includes(field) ? t(`confirm.errors.${field}`) : null);
  const specific = type === "specific";
  return (
    <section className="consumer narrow" aria-labelledby="page-title">
      <StepIndicator step={3} />
      <h1 id="page-title">{t("confirm.title")}</h1>
      <p className="lead">{t(agent ? "confirm.introAgent" : "confirm.intro")}</p>
      <ErrorSummary errors={errors.map((field) => ({ field, message: t(`confirm.errors.${field}`) }))} trigger={result} />
      <section className="panel" aria-labelledby="checks-title">
        <h2 id="checks-title">{t("confirm.checksTitle")}</h2>
        {agent ? <p>{t("confirm.agentGaveDetails", { agent: agent.name })}</p> : null}
        <ul>
          {points.map((point) => (
            <li key={point}>{t(`confirm.points.${point}`)}</li>
          ))}
        </ul>
        {agent ? (
          <p>
            {/* A resource route: a plain link, so the browser downloads the attachment. */}
            <a href={`/requests/${id}/permission-document`} download>
              {t("confirm.agentDocument", { agent: agent.name })}
            </a>
          </p>
        ) : null}
      </section>
      <Form method="post" noValidate className="consumer-form">
        <CsrfField token={csrf} />
        {specific ? (
          <fieldset className="group declaration">
            <legend>{t("confirm.declarationLegend")}</legend>
            <p>{t("confirm.declarationIntro")}</p>
            <blockquote className="declaration-text">{t("confirm.declarationText")}</blockquote>
            <TextField
              name="signatureName"
              label={t("confirm.signatureName")}
              autoComplete="name"
              maxLength={200}
              defaultValue={result && !result.ok ? result.values.signatureName : undefined}
              error={errorOf("signatureName")}
            />
            <div className={`checkbox${errorOf("signatureAccepted") ? " field-invalid" : ""}`}>
              {errorOf("signatureAccepted") ? (
                <p id={`${fieldId("signatureAccepted")}-error`} className="field-error">
                  {errorOf("signatureAccepted")}
                </p>
              ) : null}
              <input
                type="checkbox"
                id={fieldId("signatureAccepted")}
                name="signatureAccepted"
                value="yes"
                defaultChecked={result && !result.ok ? result.values.signatureAccepted : false}
                aria-invalid={errorOf("signatureAccepted") ? true : undefined}
                aria-describedby={errorOf("signatureAccepted") ? `${fieldId("signatureAccepted")}-error` : undefined}
              />
              <label htmlFor={fieldId("signatureAccepted")}>{t("confirm.signatureAccepted")}</label>
            </div>
          </fieldset>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {specific ? t("confirm.submitSpecific") : t("confirm.submitCategories")}
        </button>
      </Form>
    </section>
  );
}

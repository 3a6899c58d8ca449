import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { consumerMeta, NO_STORE } from "~/components/consumer/consumer-meta";
import { CsrfField } from "~/components/consumer/csrf-field";
import { useTranslation } from "~/i18n/use-translation";
import { answerAgentAuthorizationFromForm, loadAgentAuthorization } from "~/lib/agent-authorize.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { getLanguage } from "~/lib/language.server";
import agentStyles from "~/styles/agent.css";
import { readForm } from "~/lib/read-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: agentStyles }];
export const meta = consumerMeta("authorize");
// The token is in the address: no referrer may carry it to another site.
export const headers = () => ({ ...NO_STORE, "Referrer-Policy": "no-referrer" });

// Guard: the single-use, expiring token in the link is the only key (11 CCR 7063(a)(2)); an
// unknown, used or expired one shows the same "no longer works" page.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const view = await loadAgentAuthorization(context, params.token ?? "");
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ view, csrf: { name: CSRF_FIELD, value: token } }, { headers, status: view ? 200 : 404 });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const outcome = await answerAgentAuthorizationFromForm(request, context, { token: params.token ?? "", form, uiLanguage: await getLanguage(request) });
  if (outcome.status === "confirmed") return redirect(outcome.redirectTo, { headers: outcome.headers });
  return data({ status: outcome.status }, { status: outcome.status === "invalid" ? 404 : 200, headers: NO_STORE });
}

export default function Authorize() {
  const { t } = useTranslation();
  const { view, csrf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (result?.status === "refused") {
    return (
      <section className="consumer narrow" aria-labelledby="page-title">
        <h1 id="page-title">{t("authorize.refusedTitle")}</h1>
        <p className="lead">{t("authorize.refusedText")}</p>
      </section>
    );
  }
  if (!view || result?.status === "invalid") {
    return (
      <section className="consumer narrow" aria-labelledby="page-title">
        <h1 id="page-title">{t("authorize.invalidTitle")}</h1>
        <p className="lead">{t("authorize.invalidText")}</p>
        <p>
          <a className="button" href="/request">
            {t("authorize.startRequest")}
          </a>
        </p>
      </section>
    );
  }
  const kind = view.agent.kind === "business" ? t("authorize.kindBusiness") : t("authorize.kindPerson");
  return (
    <section className="consumer narrow" aria-labelledby="page-title">
      <h1 id="page-title">{t("authorize.title")}</h1>
      <p className="lead">{t("authorize.intro", { agent: view.agent.name, kind })}</p>
      {view.agent.sosNumber ? <p>{t("authorize.sosNumber", { number: view.agent.sosNumber })}</p> : null}
      <p>{t("authorize.question")}</p>
      <Form method="post" className="consumer-form">
        <CsrfField token={csrf} />
        {view.offerRelease ? (
          <div className="checkbox">
            <input type="checkbox" id="field-releaseToAgent" name="releaseToAgent" value="yes" aria-describedby="field-releaseToAgent-hint" />
            <label htmlFor="field-releaseToAgent">{t("authorize.releaseLabel", { agent: view.agent.name })}</label>
            <p id="field-releaseToAgent-hint" className="field-hint block">
              {t("authorize.releaseHint")}
            </p>
          </div>
        ) : null}
        <div className="button-row">
          <button type="submit" className="primary" name="intent" value="confirm" disabled={busy}>
            {t("authorize.confirm")}
          </button>
          <button type="submit" className="primary" name="intent" value="refuse" disabled={busy}>
            {t("authorize.refuse")}
          </button>
        </div>
      </Form>
    </section>
  );
}

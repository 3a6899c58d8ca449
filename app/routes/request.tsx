import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { ChoiceGroup } from "~/components/consumer/choice-group";
import { consumerMeta, NO_STORE } from "~/components/consumer/consumer-meta";
import { CsrfField } from "~/components/consumer/csrf-field";
import { ErrorSummary } from "~/components/consumer/error-summary";
import { HoneypotField } from "~/components/consumer/honeypot-field";
import { StepIndicator } from "~/components/consumer/step-indicator";
import { TextField } from "~/components/consumer/text-field";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { isHoneypotFilled, parseRequestForm } from "~/lib/consumer-request-form.server";
import { getResidencyPolicy, submitConsumerRequest } from "~/lib/consumer-request.server";
import { getLanguage } from "~/lib/language.server";
import type { loader as rootLoader } from "~/root";
import { readForm } from "~/lib/read-form.server";

export const meta = consumerMeta("request");
export const headers = () => NO_STORE;

// Public: anyone may ask (no account, 1798.130(a)(2)(A); R3). The guard is the CSRF binding of
// this browser (a nonce cookie until there is a session); limits are per IP (Express) and per
// address and request (the code step).
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ csrf: { name: CSRF_FIELD, value: token }, residencyPolicy: getResidencyPolicy(context) }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  if (isHoneypotFilled(form)) throw new Response("Bad request", { status: 400 });
  const parsed = parseRequestForm(form);
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400, headers: NO_STORE });
  const { setCookie } = await submitConsumerRequest(context, parsed.form, await getLanguage(request));
  // The e-mail stays out of the URL: /verify learns the request from the signed pending cookie.
  return redirect("/verify", { headers: { ...NO_STORE, "Set-Cookie": setCookie } });
}

export default function RequestForm() {
  const { t, i18n } = useTranslation();
  const { csrf, residencyPolicy } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const busy = useNavigation().state === "submitting";
  const values = result?.values;
  const errorOf = (field: string) => {
    const found = result?.errors.find((e) => e.field === field);
    return found ? t(`request.errors.${found.error}`) : null;
  };
  const summary = (result?.errors ?? []).map((e) => ({ field: e.field, message: t(`request.errors.${e.error}`) }));
  return (
    <section className="consumer" aria-labelledby="page-title">
      <StepIndicator step={1} />
      <h1 id="page-title">{t("request.title", { business: root?.business.name ?? "" })}</h1>
      <p className="lead">{t("request.intro")}</p>
      <ErrorSummary errors={summary} trigger={result} />
      <Form method="post" noValidate className="consumer-form" aria-labelledby="page-title">
        <CsrfField token={csrf} />
        <ChoiceGroup
          name="type"
          legend={t("request.whatLegend")}
          defaultValue={values?.type}
          error={errorOf("type")}
          choices={[
            { value: "categories", label: t("request.categoriesLabel"), hint: t("request.categoriesHint") },
            { value: "specific", label: t("request.specificLabel"), hint: t("request.specificHint") },
          ]}
        />
        <ChoiceGroup
          name="period"
          legend={t("request.periodLegend")}
          defaultValue={values?.period ?? "12_months"}
          error={errorOf("period")}
          choices={[
            { value: "12_months", label: t("request.period12Label"), hint: t("request.period12Hint") },
            { value: "since_2022", label: t("request.period2022Label"), hint: t("request.period2022Hint") },
          ]}
        />
        <fieldset className="group">
          <legend>{t("request.aboutYou")}</legend>
          <p className="field-hint">{t("request.aboutYouHint")}</p>
          <TextField name="fullName" label={t("request.fullName")} autoComplete="name" maxLength={200} defaultValue={values?.fullName} error={errorOf("fullName")} />
          <TextField name="email" type="text" inputMode="email" spellCheck={false} autoCapitalize="none" label={t("request.email")} hint={t("request.emailHint")} autoComplete="email" maxLength={320} defaultValue={values?.email} error={errorOf("email")} />
          <TextField name="phone" type="tel" label={t("request.phone")} hint={t("request.phoneHint")} optional autoComplete="tel" maxLength={40} defaultValue={values?.phone} error={errorOf("phone")} />
        </fieldset>
        <fieldset className="group">
          <legend>
            {t("request.addressLegend")} <span className="field-optional">({t("form.optional")})</span>
          </legend>
          <p className="field-hint">{t("request.addressHint")}</p>
          <TextField name="street" label={t("request.street")} autoComplete="street-address" maxLength={200} defaultValue={values?.street} error={errorOf("street")} />
          <div className="field-row">
            <TextField name="city" label={t("request.city")} autoComplete="address-level2" maxLength={100} defaultValue={values?.city} error={errorOf("city")} />
            <TextField name="state" label={t("request.state")} autoComplete="address-level1" maxLength={40} defaultValue={values?.state} error={errorOf("state")} className="field-short" />
            <TextField name="postalCode" label={t("request.postalCode")} autoComplete="postal-code" inputMode="numeric" maxLength={10} defaultValue={values?.postalCode} error={errorOf("postalCode")} className="field-short" />
          </div>
        </fieldset>
        <ChoiceGroup
          name="californiaResident"
          legend={t("request.residentLegend")}
          hint={t(residencyPolicy === "decline" ? "request.residentHintDecline" : "request.residentHint")}
          defaultValue={values?.californiaResident}
          error={errorOf("californiaResident")}
          inline
          choices={[
            { value: "yes", label: t("request.yes") },
            { value: "no", label: t("request.no") },
          ]}
        />
        <ChoiceGroup
          name="language"
          legend={t("request.languageLegend")}
          defaultValue={values?.language ?? i18n.language}
          error={errorOf("language")}
          inline
          choices={[
            { value: "en", label: "English", lang: "en" },
            { value: "es", label: "Español", lang: "es" },
          ]}
        />
        <aside className="collection-notice" aria-labelledby="notice-title">
          <h2 id="notice-title">{t("request.noticeTitle")}</h2>
          <p>{t("request.notice")}</p>
          {root ? <a href={root.business.privacyPolicyUrl}>{t("common.privacyPolicy")}</a> : null}
        </aside>
        <HoneypotField />
        <button type="submit" className="primary" disabled={busy}>
          {t("request.submit")}
        </button>
      </Form>
    </section>
  );
}

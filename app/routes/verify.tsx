import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { consumerMeta, NO_STORE } from "~/components/consumer/consumer-meta";
import { CsrfField } from "~/components/consumer/csrf-field";
import { StepIndicator } from "~/components/consumer/step-indicator";
import { TextField } from "~/components/consumer/text-field";
import { useCountdown, useWaitText } from "~/components/consumer/use-wait-text";
import { checkRequestCode, sendRequestCode } from "~/lib/consumer-codes.server";
import { readPendingCode } from "~/lib/consumer-pending.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { getLanguage } from "~/lib/language.server";
import { readForm } from "~/lib/read-form.server";

export const meta = consumerMeta("verify");
export const headers = () => NO_STORE;

// Guard: the signed pending cookie says which request this browser is confirming; without it
// there is nothing to enter a code for. The page never names the address or the request.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const pending = await readPendingCode(request, context);
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  const waitSeconds = pending ? Math.max(0, Math.ceil((pending.waitUntil - Date.now()) / 1000)) : 0;
  return data({ pending: pending !== null, notice: pending?.notice ?? null, waitUntil: pending?.waitUntil ?? 0, waitSeconds, csrf: { name: CSRF_FIELD, value: token } }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const pending = await readPendingCode(request, context);
  if (!pending) return redirect("/verify", { headers: NO_STORE });
  if (form.get("intent") === "resend") {
    const { pending: next, setCookie } = await sendRequestCode(context, { requestId: pending.requestId, uiLanguage: await getLanguage(request), bind: pending.bind });
    const waitSeconds = Math.max(0, Math.ceil((next.waitUntil - Date.now()) / 1000));
    return data({ kind: "resend" as const, notice: next.notice, waitUntil: next.waitUntil, waitSeconds }, { headers: { ...NO_STORE, "Set-Cookie": setCookie } });
  }
  const result = await checkRequestCode(context, pending, String(form.get("code") ?? "").slice(0, 32));
  if (result.status === "ok") {
    result.headers.set("Cache-Control", "no-store");
    return redirect(result.redirectTo, { headers: result.headers });
  }
  return data({ kind: "code" as const, ...result }, { status: result.status === "format" ? 400 : 401, headers: NO_STORE });
}

export default function Verify() {
  const { t } = useTranslation();
  const { pending, notice, waitUntil, waitSeconds, csrf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const waitText = useWaitText();
  const resent = result?.kind === "resend" ? result : null;
  const wait = useCountdown(resent?.waitUntil ?? waitUntil, resent?.waitSeconds ?? waitSeconds);
  if (!pending) {
    return (
      <section className="consumer" aria-labelledby="page-title">
        <h1 id="page-title">{t("verify.nothingTitle")}</h1>
        <p className="lead">{t("verify.nothingText")}</p>
        <p>
          <a className="button" href="/request">
            {t("verify.startRequest")}
          </a>
        </p>
      </section>
    );
  }
  const codeError = result?.kind === "code" ? t(`verify.errors.${result.status}`, { count: "triesLeft" in result ? result.triesLeft : 0 }) : null;
  // What the last "send" did: the initial one (from the pending cookie) until the visitor resends.
  const lastNotice = resent?.notice ?? (notice === "sent" ? null : notice);
  return (
    <section className="consumer narrow" aria-labelledby="page-title">
      <StepIndicator step={2} />
      <h1 id="page-title">{t("verify.title")}</h1>
      <p className="lead">{t("verify.intro")}</p>
      {lastNotice ? (
        <div className={lastNotice === "sent" ? "notice" : "form-error"} role={lastNotice === "sent" ? "status" : "alert"}>
          <p>{lastNotice === "sent" ? t("verify.sent") : lastNotice === "throttled" ? t("verify.throttled", { wait: waitText(resent?.waitSeconds ?? waitSeconds) }) : t("verify.failed")}</p>
        </div>
      ) : null}
      <Form method="post" noValidate className="consumer-form" key={resent ? `resent-${resent.waitSeconds}` : "code"}>
        <CsrfField token={csrf} />
        <TextField
          name="code"
          label={t("verify.codeLabel")}
          className="field-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={7}
          spellCheck={false}
          error={codeError}
        />
        <button type="submit" className="primary" name="intent" value="verify" disabled={busy}>
          {t("verify.submit")}
        </button>
      </Form>
      <section className="panel resend" aria-labelledby="resend-title">
        <h2 id="resend-title">{t("verify.resendTitle")}</h2>
        <p>{t("verify.spam")}</p>
        {wait > 0 && lastNotice !== "throttled" ? <p className="field-hint">{t("verify.resendWait", { wait: waitText(wait) })}</p> : null}
        <Form method="post">
          <CsrfField token={csrf} />
          <button type="submit" className="secondary" name="intent" value="resend" disabled={busy}>
            {t("verify.resend")}
          </button>
        </Form>
      </section>
    </section>
  );
}

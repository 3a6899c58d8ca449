import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/use-translation";
import { consumerMeta, NO_STORE } from "~/components/consumer/consumer-meta";
import { CsrfField } from "~/components/consumer/csrf-field";
import { RequestOutcome } from "~/components/consumer/request-outcome";
import { RequestTimeline } from "~/components/consumer/request-timeline";
import { sendRequestCode } from "~/lib/consumer-codes.server";
import { loadConsumerRequest, type ConsumerRequestView } from "~/lib/consumer-request.server";
import { destroyConsumerSession, getConsumerSession, requireConsumerRequest } from "~/lib/consumer-session.server";
import { clearDrpReturn, commitDrpReturn, readDrpReturn, resolveDrpReturn } from "~/lib/drp-return.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { getLanguage } from "~/lib/language.server";
import type { loader as rootLoader } from "~/root";
import { readForm } from "~/lib/read-form.server";

export const meta = consumerMeta("status");
export const headers = () => NO_STORE;

const REQUEST_ID = /^[0-9a-z]{26}$/;
/** States in which the consumer has not yet proved who they are: an agent's app waits for the others. */
const UNVERIFIED_STATES = ["received", "awaiting_verification"];
/** States in which the page polls for progress (the worker moves them on by itself). */
const LIVE_STATES = ["verified", "collecting", "in_review", "approved"];
const POLL_MS = 3000;

// Guard: the request is shown only to the session bound to it. Everyone else, for a real id or a
// made-up one alike, gets the same sign-in page offering a code to the request's own address
// (X10). It answers 200: this is the DRP results_url and user_verification_url an agent hands the
// consumer, and a 404 there reads as a broken link; answering alike keeps existence hidden
// (issue 16 item 7). A malformed id is still 404.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const id = params.requestId ?? "";
  if (!REQUEST_ID.test(id)) throw new Response("Not found", { status: 404 });
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  const csrf = { name: CSRF_FIELD, value: token };
  // DRP 1.0 §3.04: an agent's app opens this page (its user_verification_url) with `request_id` and
  // `redirect_to`. A link for another request is refused; an allowed way back is kept in a signed
  // cookie and the address bar cleaned of both.
  const query = new URL(request.url).searchParams;
  if (query.has("request_id") || query.has("redirect_to")) {
    const back = await resolveDrpReturn(context, { requestId: id, claimedRequestId: query.get("request_id"), redirectTo: query.get("redirect_to") });
    if (back.status === "mismatch") return data({ view: "mismatch" as const, csrf, request: null }, { status: 400, headers });
    if (back.status === "return") headers.append("Set-Cookie", await commitDrpReturn(context, { requestId: id, url: back.url }));
    throw redirect(`/requests/${id}`, { headers });
  }
  const session = await getConsumerSession(request, context);
  if (session?.requestId !== id) return data({ view: "sign-in" as const, csrf, request: null }, { headers });
  const view = await loadConsumerRequest(context, id, await getLanguage(request));
  // Verified: back to the agent's app, once (on failure or while unverified, never: DRP 1.0 §3.04).
  const back = await readDrpReturn(request, context);
  if (back?.requestId === id && !UNVERIFIED_STATES.includes(view.state)) {
    headers.append("Set-Cookie", await clearDrpReturn(context));
    throw redirect(back.url, { headers });
  }
  return data({ view: "status" as const, csrf, request: view }, { headers });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const id = params.requestId ?? "";
  if (!REQUEST_ID.test(id)) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  if (form.get("intent") === "sign-out") {
    await requireConsumerRequest(request, context, id);
    return redirect("/", { headers: { ...NO_STORE, "Set-Cookie": await destroyConsumerSession(request, context) } });
  }
  // Public, like the sign-in page: the code goes to the address on the request, never one typed here.
  const { setCookie } = await sendRequestCode(context, { requestId: id, uiLanguage: await getLanguage(request) });
  return redirect("/verify", { headers: { ...NO_STORE, "Set-Cookie": setCookie } });
}

export default function RequestPage() {
  const loaded = useLoaderData<typeof loader>();
  if (loaded.view === "mismatch") return <LinkMismatch />;
  return loaded.view === "status" && loaded.request ? <RequestStatus request={loaded.request} csrf={loaded.csrf} /> : <SignIn csrf={loaded.csrf} />;
}

function LinkMismatch() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <section className="consumer narrow" aria-labelledby="page-title">
      <h1 id="page-title">{t("signIn.mismatchTitle")}</h1>
      <p className="lead">{t("signIn.mismatchText", { email: root?.business.requestEmail ?? "" })}</p>
      <p>
        <a href="/request">{t("signIn.newRequest")}</a>
      </p>
    </section>
  );
}

function SignIn({ csrf }: { csrf: { name: string; value: string } }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="consumer narrow" aria-labelledby="page-title">
      <h1 id="page-title">{t("signIn.title")}</h1>
      <p className="lead">{t("signIn.text")}</p>
      <Form method="post" className="consumer-form">
        <CsrfField token={csrf} />
        <button type="submit" className="primary" name="intent" value="send-code" disabled={busy}>
          {t("signIn.submit")}
        </button>
      </Form>
      <p>
        <a href="/request">{t("signIn.newRequest")}</a>
      </p>
    </section>
  );
}

function useProgressPolling(live: boolean): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [live, revalidator]);
}

function RequestStatus({ request: r, csrf }: { request: ConsumerRequestView; csrf: { name: string; value: string } }) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const live = LIVE_STATES.includes(r.state);
  useProgressPolling(live);
  const nextKey = r.state === "awaiting_verification" ? "received" : r.state;
  const dueDate = r.extendedDueDate ?? r.dueDate;
  return (
    <section className="consumer" aria-labelledby="page-title">
      <h1 id="page-title">{t("status.title")}</h1>
      <p className="request-number">
        {t("status.number")}: <span className="mono">{r.id}</span>
      </p>
      <RequestOutcome
        state={r.state}
        type={r.type}
        denialReason={r.denialReason}
        denialText={r.denialText}
        downgraded={r.downgraded}
        nonResident={r.nonResident}
        business={{ privacyPolicyUrl: root?.business.privacyPolicyUrl ?? "", requestEmail: root?.business.requestEmail ?? "" }}
      />
      {r.state !== "denied" ? (
        <section className="panel next" aria-labelledby="next-title">
          <h2 id="next-title">{r.downloads ? t("status.downloadsTitle") : t("status.nextTitle")}</h2>
          {r.agent?.confirmationPending ? (
            // 7063(a)(2): the consumer's answer to "did you authorize this agent?" comes first; the
            // data-point step would only send them back here (ADR 019).
            <>
              <p aria-live="polite">{t("status.agentPending", { agent: r.agent.agentName })}</p>
              <p className="field-hint">{t("status.agentPendingHelp", { agent: r.agent.agentName })}</p>
            </>
          ) : (
            <p aria-live="polite">{t(`status.next.${nextKey}`, { date: r.downloads?.until ?? dueDate })}</p>
          )}
          {nextKey === "received" && !r.agent?.confirmationPending ? (
            <p>
              <a className="button" href={`/requests/${r.id}/confirm`}>
                {t("status.continue")}
              </a>
            </p>
          ) : null}
          {r.downloads ? (
            <p className="download-buttons">
              <a className="button" href={`/requests/${r.id}/disclosure.pdf`} download>
                {t("status.downloadPdf")}
              </a>
              <a className="button secondary" href={`/requests/${r.id}/disclosure.json`} download>
                {t("status.downloadJson")}
              </a>
              <a className="button secondary" href={`/requests/${r.id}/disclosure.zip`} download>
                {t("status.downloadZip")}
              </a>
            </p>
          ) : null}
          {live ? <p className="field-hint">{t("status.live")}</p> : null}
        </section>
      ) : null}
      <div className="grid status-grid">
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("status.timeline")}</h2>
          <RequestTimeline state={r.state} reachedAt={r.reachedAt} />
        </section>
        <section className="panel" aria-labelledby="facts-title">
          <h2 id="facts-title">{t("status.facts")}</h2>
          <dl className="facts">
            <dt>{t("status.type")}</dt>
            <dd>{t(`status.types.${r.type}`)}</dd>
            <dt>{t("status.period")}</dt>
            <dd>{t(`status.periods.${r.period}`)}</dd>
            <dt>{t("status.received")}</dt>
            <dd>{r.receiptDate}</dd>
            {r.agent ? (
              <>
                <dt>{t("status.madeBy")}</dt>
                <dd>{t(r.agent.authorizationKind === "power_of_attorney" ? "status.madeByAttorney" : "status.madeByPermission", { agent: r.agent.agentName })}</dd>
              </>
            ) : null}
            {r.answeredOn ? (
              <>
                <dt>{t("status.answered")}</dt>
                <dd>{r.answeredOn}</dd>
              </>
            ) : (
              <>
                <dt>{t("status.due")}</dt>
                <dd>
                  {dueDate}
                  {r.extendedDueDate ? (
                    <span className="field-hint block">
                      {t("status.extended", { date: r.extendedDueDate })}
                      {r.extensionReason ? <q className="staff-reason block">{r.extensionReason}</q> : null}
                    </span>
                  ) : null}
                </dd>
              </>
            )}
          </dl>
        </section>
      </div>
      <Form method="post" className="sign-out">
        <CsrfField token={csrf} />
        <button type="submit" className="link-button" name="intent" value="sign-out">
          {t("status.signOut")}
        </button>
      </Form>
    </section>
  );
}

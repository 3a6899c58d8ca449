import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/ops/csrf-input";
import { Field } from "~/components/ops/field";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { loadTotpEnrolment, requireTotpEnrolment, submitTotpEnrolment } from "~/lib/staff-sign-in.server";
import { NO_STORE } from "~/lib/staff-session.server";
import opsStyles from "~/styles/ops.css";
import { readForm } from "~/lib/read-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: opsStyles }];
export const meta: MetaFunction = () => [{ title: "Set up two-step sign-in: privacy operations" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

// Guarded by requireTotpEnrolment, not requireStaff: an admin between password and first code has
// no session yet. A signed-in staff member without TOTP may enrol too; everyone else signs in.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const grant = await requireTotpEnrolment(request, context);
  const enrolment = await loadTotpEnrolment(context, grant);
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return data({ ...enrolment, csrf: { name: CSRF_FIELD, value: token } }, { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const grant = await requireTotpEnrolment(request, context);
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const code = String(form.get("code") ?? "").trim();
  const outcome = /^\d{6}$/.test(code) ? await submitTotpEnrolment(context, grant, { code }) : { error: "code" as const };
  if (outcome instanceof Response) return outcome;
  return data(outcome, { status: 400, headers: NO_STORE });
}

export default function TotpEnrolment() {
  const { mode, email, secretGroups, qrDataUrl, csrf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="ops-auth panel" lang="en" aria-labelledby="totp-title">
      <p className="eyebrow">Privacy operations</p>
      <h1 id="totp-title">
        Set up two-step <span className="nowrap">sign-in</span>
      </h1>
      <p>
        {mode === "sign-in"
          ? "Administrators sign in with a password and a code from an authenticator app. Set up the app now to finish signing in."
          : "Add a code from an authenticator app to your sign-in, so a stolen password alone cannot open your account."}
      </p>
      {result?.error ? (
        <div className="form-error" role="alert">
          <p>That code did not match. Check that the app shows the account {email}, wait for a new code and try again.</p>
        </div>
      ) : null}
      <ol className="enrol-steps">
        <li>
          Open an authenticator app on your phone (any app that supports time-based codes) and scan this QR code.
          <img className="qr" src={qrDataUrl} alt={`QR code that adds the account ${email} to an authenticator app`} width={192} height={192} />
        </li>
        <li>
          If you cannot scan it, add the account by hand with this key (time-based, 6 digits, every 30 seconds):
          <ul className="secret" aria-label="Setup key, in groups of four characters">
            {secretGroups.map((group, i) => (
              <li key={i}>{group}</li>
            ))}
          </ul>
        </li>
        <li>
          Type the 6-digit code the app now shows.
          <Form method="post" noValidate>
            <CsrfInput field={csrf} />
            <Field label="6-digit code" name="code" className="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
            <button type="submit" className="primary" disabled={busy}>
              {mode === "sign-in" ? "Confirm and sign in" : "Confirm"}
            </button>
          </Form>
        </li>
      </ol>
      {mode === "sign-in" ? (
        <Form method="post" action="/ops/login">
          <CsrfInput field={csrf} />
          <button type="submit" className="link-button" name="intent" value="cancel">
            Cancel and sign in with a different account
          </button>
        </Form>
      ) : (
        <p>
          <a href="/ops">Not now: back to the console</a>
        </p>
      )}
    </section>
  );
}

import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/ops/csrf-input";
import { SignInWait } from "~/components/sign-in-wait";
import { Field } from "~/components/ops/field";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "~/lib/csrf.server";
import { clearPendingSignIn, readPendingSignIn, submitStaffPassword, submitStaffTotp } from "~/lib/staff-sign-in.server";
import { getStaff, NO_STORE, safeStaffRedirect } from "~/lib/staff-session.server";
import opsStyles from "~/styles/ops.css";
import { readForm } from "~/lib/read-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: opsStyles }];
export const meta: MetaFunction = () => [{ title: "Staff sign-in: privacy operations" }, { name: "robots", content: "noindex" }];
export const headers = () => NO_STORE;

const PasswordSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });
const CodeSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/) });

const MESSAGES = {
  missing: "Enter your e-mail address and your password.",
  credentials:
    "That e-mail address and password did not work. After 5 failed attempts, each further try from this network has to wait longer, up to 15 minutes. If you have forgotten your password, ask an administrator.",
  code: "That code did not work. Codes change every 30 seconds and each one works only once: wait for the next code and try again.",
  // Shown through <SignInWait>, translated, with the time left.
  waiting: "",
  expired: "Your sign-in took too long, so it was cancelled. Please start again.",
} as const;
type MessageKey = keyof typeof MESSAGES;

// Public: this is the way in. Signed-in staff go straight to the console.
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getStaff(request, context)) throw redirect("/ops", { headers: NO_STORE });
  const pending = await readPendingSignIn(request, context);
  if (pending?.stage === "enrol") throw redirect("/ops/totp", { headers: NO_STORE });
  const { token, setCookie } = await getCsrfToken(request, context);
  const headers = new Headers(NO_STORE);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  const redirectTo = safeStaffRedirect(new URL(request.url).searchParams.get("redirectTo"));
  return data({ step: pending ? ("totp" as const) : ("password" as const), csrf: { name: CSRF_FIELD, value: token }, redirectTo }, { headers });
}

// Public too, and rate-limited per IP by the strictest tier (server/http/rate-limits.ts); failed
// sign-ins slow this address from this IP and lock only an IP, never the account (ADR 040).
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const fail = async (error: MessageKey, email = "", endPending = false, retryAfterSeconds: number | null = null) => {
    const headers = new Headers(NO_STORE);
    if (endPending) headers.append("Set-Cookie", await clearPendingSignIn(context));
    if (retryAfterSeconds) headers.set("Retry-After", String(retryAfterSeconds));
    return data({ error: retryAfterSeconds ? "waiting" : error, email, retryAfterSeconds }, { status: error === "missing" ? 400 : retryAfterSeconds ? 429 : 401, headers });
  };
  switch (form.get("intent")) {
    case "password": {
      const parsed = PasswordSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return fail("missing", String(form.get("email") ?? ""));
      const outcome = await submitStaffPassword(context, { ...parsed.data, redirectTo: form.get("redirectTo") });
      return outcome instanceof Response ? outcome : fail("credentials", parsed.data.email, false, outcome.retryAfterSeconds);
    }
    case "totp": {
      const parsed = CodeSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) return fail("code");
      const outcome = await submitStaffTotp(request, context, { code: parsed.data.code });
      if (outcome instanceof Response) return outcome;
      // Told to wait or too slow: back to the password step, which says why.
      return fail(outcome.error, "", outcome.error !== "code", "retryAfterSeconds" in outcome ? outcome.retryAfterSeconds : null);
    }
    default:
      return redirect("/ops/login", { headers: { ...NO_STORE, "Set-Cookie": await clearPendingSignIn(context) } });
  }
}

export default function StaffLogin() {
  const { step, csrf, redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = result && "error" in result ? (result.error as MessageKey) : null;
  const waitSeconds = result && "retryAfterSeconds" in result ? result.retryAfterSeconds : null;
  return (
    <section className="ops-auth panel" lang="en" aria-labelledby="login-title">
      <p className="eyebrow">Privacy operations</p>
      {step === "password" ? (
        <>
          <h1 id="login-title">Staff sign-in</h1>
          <p>For the business&apos;s privacy staff. Consumers do not need an account: they start at the home page.</p>
          <ErrorMessage error={error} waitSeconds={waitSeconds} />
          <Form method="post" noValidate>
            <CsrfInput field={csrf} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Field label="E-mail address" name="email" type="email" autoComplete="username" required defaultValue={result?.email ?? ""} />
            <Field label="Password" name="password" type="password" autoComplete="current-password" required />
            <button type="submit" className="primary" name="intent" value="password" disabled={busy}>
              Sign in
            </button>
          </Form>
        </>
      ) : (
        <>
          <h1 id="login-title">Enter your authenticator code</h1>
          <p>Open the authenticator app on your phone and type the 6-digit code it shows for this portal.</p>
          <ErrorMessage error={error} waitSeconds={waitSeconds} />
          <Form method="post" noValidate>
            <CsrfInput field={csrf} />
            <Field
              label="6-digit code"
              name="code"
              className="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              autoFocus
            />
            <div className="form-actions">
              <button type="submit" className="primary" name="intent" value="totp" disabled={busy}>
                Verify and sign in
              </button>
              <button type="submit" className="link-button" name="intent" value="cancel">
                Use a different account
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

function ErrorMessage({ error, waitSeconds }: { error: MessageKey | null; waitSeconds: number | null }) {
  if (!error) return null;
  if (error === "waiting" && waitSeconds) return <SignInWait key={waitSeconds} seconds={waitSeconds} />;
  return (
    <div className="form-error" role="alert">
      <p>{MESSAGES[error]}</p>
    </div>
  );
}

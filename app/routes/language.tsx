import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/i18n/i18n";
import { assertCsrf } from "~/lib/csrf.server";
import { languageCookie } from "~/lib/language.server";
import { readForm } from "~/lib/read-form.server";
import { sameSitePath } from "~/lib/same-site-path.server";

// Public action: choosing a language needs no identity, but it sets a cookie, so it carries the
// CSRF token like every other form (the root loader mints it). The return address must be a page
// of this site, so the form cannot be used as an open redirect (issue 16 item 3).
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  await assertCsrf(request, context, form);
  const lang = form.get("lang");
  const target = sameSitePath(form.get("redirectTo"), context.app.env.PUBLIC_URL);
  if (!isLanguage(lang)) return redirect(target);
  return redirect(target, { headers: { "Set-Cookie": await languageCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}

// A page route rather than a resource route, so that a refusal (a body over the limit, a missing
// token) shows the normal page with its message instead of bare text. It never renders: the loader
// and the action always redirect.
export default function Language() {
  return null;
}

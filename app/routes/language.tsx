import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/i18n/i18n";
import { languageCookie } from "~/lib/language.server";
import { readForm } from "~/lib/read-form.server";

// Public action: choosing a language needs no identity. Only local paths are accepted as the
// return address, so the form cannot be used as an open redirect.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const lang = form.get("lang");
  const target = String(form.get("redirectTo") ?? "/");
  const safeTarget = target.startsWith("/") && !target.startsWith("//") ? target : "/";
  if (!isLanguage(lang)) return redirect(safeTarget);
  return redirect(safeTarget, { headers: { "Set-Cookie": await languageCookie.serialize(lang) } });
}

export function loader() {
  return redirect("/");
}

import { createCookie } from "@remix-run/node";
import { isLanguage, type Language } from "~/i18n/i18n";

/** The visitor's chosen language; not personal data, so a plain long-lived cookie is fine. */
export const languageCookie = createCookie("lang", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24 * 365,
});

/** Explicit choice (cookie) first, then the browser's Accept-Language, then English. */
export async function getLanguage(request: Request): Promise<Language> {
  const chosen: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLanguage(chosen)) return chosen;
  const accepted = (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part) => part.split(";")[0]!.trim().slice(0, 2).toLowerCase());
  return accepted.find(isLanguage) ?? "en";
}

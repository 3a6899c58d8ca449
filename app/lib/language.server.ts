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
export function getLanguage(request: Request): Promise<Language> {
  return languageOf(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** getLanguage from the two headers it reads (the document cache has no web Request, ADR 052). */
export async function languageOf(cookieHeader: string | null, acceptLanguage: string | null): Promise<Language> {
  const chosen: unknown = await languageCookie.parse(cookieHeader);
  if (isLanguage(chosen)) return chosen;
  const accepted = (acceptLanguage ?? "")
    .split(",")
    .map((part) => part.split(";")[0]!.trim().slice(0, 2).toLowerCase());
  return accepted.find(isLanguage) ?? "en";
}

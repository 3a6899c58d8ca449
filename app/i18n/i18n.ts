import i18next, { type i18n } from "i18next";
import { en } from "./en";
import { es } from "./es";

export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * One i18next instance per render (server) or per language (browser). Resources are bundled: two
 * small dictionaries are cheaper than a network round trip before the first paint.
 */
export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: "en",
    resources: { en: { translation: en }, es: { translation: es } },
    initAsync: false,
    returnObjects: true,
    // React escapes output itself; double escaping would show "&amp;" to users.
    interpolation: { escapeValue: false },
  });
  return instance;
}

import i18next, { type i18n } from "i18next";
import { en } from "./en";
import { es } from "./es";

export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

const instances = new Map<Language, i18n>();

/**
 * One i18next instance per language, for the whole process (server) or page (browser). Resources
 * are bundled: two small dictionaries are cheaper than a network round trip before the first
 * paint. Sharing an instance between concurrent renders is safe because nothing ever calls
 * changeLanguage on it (a language switch picks the other instance); building one per render was
 * the largest single cost of a page under load (bench/http.ts).
 */
export function createI18n(language: Language): i18n {
  const cached = instances.get(language);
  if (cached) return cached;
  const instance = i18next.createInstance();
  instances.set(language, instance);
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

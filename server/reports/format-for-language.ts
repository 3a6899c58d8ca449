import type { LocalizedText } from "../categories/ccpa-categories.shared";
import type { RequestLanguage } from "../requests/request-fields.shared";

export interface LanguageFormat {
  language: RequestLanguage;
  /** BCP 47 tag for the PDF's /Lang and for Intl: Californian English and Spanish. */
  locale: "en-US" | "es-US";
  /** "2026-03-02" -> "March 2, 2026" | "2 de marzo de 2026". Calendar dates have no time zone. */
  date: (calendarDate: string) => string;
  number: (value: number) => string;
  /** "A, B, and C" | "A, B y C". */
  list: (items: readonly string[]) => string;
  /** The request language's text, or the English one when a data-map label lacks it. */
  text: (value: LocalizedText | undefined) => string;
}

const cache = new Map<RequestLanguage, LanguageFormat>();

/** Formatting in the request's language; cached because Intl formatters are slow to build. */
export function formatForLanguage(language: RequestLanguage): LanguageFormat {
  const cached = cache.get(language);
  if (cached) return cached;
  const locale = language === "es" ? "es-US" : "en-US";
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const numbers = new Intl.NumberFormat(locale);
  const lists = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  const format: LanguageFormat = {
    language,
    locale,
    date: (calendarDate) => {
      const instant = new Date(`${calendarDate}T00:00:00Z`);
      return Number.isNaN(instant.getTime()) ? calendarDate : dates.format(instant);
    },
    number: (value) => numbers.format(value),
    list: (items) => lists.format(items),
    text: (value) => (value ? value[language] || value.en || "" : ""),
  };
  cache.set(language, format);
  return format;
}

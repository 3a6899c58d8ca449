import type { LocalizedText } from "../categories/ccpa-categories.shared";
import type { SpoolFieldSpec } from "../collection/collection-types.shared";
import { toIsoTime } from "../connectors/to-iso-time";
import { DISCLOSURE_TEXT } from "./disclosure-text";
import type { LanguageFormat } from "./format-for-language";

export type PresentableValue = string | number | boolean;
/** The text a person reads for a stored value, or undefined to show the value as it is. */
export type ValuePresenter = (value: PresentableValue) => string | undefined;

export interface FieldPresentation {
  present: ValuePresenter;
  /**
   * Whether the JSON carries the text beside the value: for labelled codes, amounts, yes/no and
   * shares. Dates and instants are already ISO 8601 in the JSON, which programs read as they are.
   */
  inJson: boolean;
}

const BOOLEAN_TRUE = new Set<unknown>([1, true, "1", "true"]);
const BOOLEAN_FALSE = new Set<unknown>([0, false, "0", "false"]);
const intl = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = intl.get(key) as T | undefined;
  if (!found) intl.set(key, (found = make()));
  return found;
}

/**
 * How a field's stored values read in the request's language (issue 15 item 2; R23 plain words,
 * R33 "easy for an average consumer to understand"): a code's label from the map's `values`
 * (page_view -> "Página vista"), else its `format` — cents as an amount, 0/1 as yes/no, a share
 * as a percentage, a date or an instant (UTC, as the tables' dates are) written out. Undefined
 * for a field the map says nothing about: its value is shown as held.
 */
export function presentFieldValue(spec: Pick<SpoolFieldSpec, "values" | "format" | "currency">, format: LanguageFormat): FieldPresentation | undefined {
  if (!spec.values && !spec.format) return undefined;
  // One presenter per distinct description and language: dataset lines repeat a field's
  // description, and plans built twice from one spool stay equal.
  const key = JSON.stringify([format.language, spec.format ?? null, spec.currency ?? null, spec.values ?? null]);
  let presentation = presentations.get(key);
  if (!presentation) {
    presentation = buildPresentation(spec, format);
    if (presentations.size < PRESENTATIONS_LIMIT) presentations.set(key, presentation);
  }
  return presentation;
}

const presentations = new Map<string, FieldPresentation>();
const PRESENTATIONS_LIMIT = 1000;

function buildPresentation(spec: Pick<SpoolFieldSpec, "values" | "format" | "currency">, format: LanguageFormat): FieldPresentation {
  const { values, currency } = spec;
  const kind = spec.format;
  const { locale } = format;
  const words = DISCLOSURE_TEXT[format.language];
  const byCode: ReadonlyMap<string, LocalizedText> = new Map(Object.entries(values ?? {}));
  const numeric = (value: PresentableValue): number | undefined => {
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const formatted = (value: PresentableValue): string | undefined => {
    switch (kind) {
      case "money_cents": {
        const n = numeric(value);
        if (n === undefined) return undefined;
        const options: Intl.NumberFormatOptions = currency ? { style: "currency", currency } : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
        return cached(`${locale}:money:${currency ?? ""}`, () => new Intl.NumberFormat(locale, options)).format(n / 100);
      }
      case "boolean":
        return BOOLEAN_TRUE.has(value) ? words.yes : BOOLEAN_FALSE.has(value) ? words.no : undefined;
      case "percent": {
        const n = numeric(value);
        return n === undefined ? undefined : cached(`${locale}:percent`, () => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 })).format(n);
      }
      case "date":
        return typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? format.date(value.slice(0, 10)) : undefined;
      case "instant": {
        const iso = typeof value === "boolean" ? null : toIsoTime(value);
        if (iso === null) return undefined;
        const dates = cached(`${locale}:instant`, () => new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" }));
        return dates.format(new Date(iso));
      }
      default:
        return undefined;
    }
  };
  return {
    present: (value) => {
      const label = byCode.get(String(value));
      return label ? format.text(label) : formatted(value);
    },
    inJson: Boolean(values) || kind === "money_cents" || kind === "boolean" || kind === "percent",
  };
}

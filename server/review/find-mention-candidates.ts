import { findPhoneNumbersInText } from "libphonenumber-js";

/** Where a value mentions someone: character offsets into the value's text, and how it was found. */
export interface MentionSpan {
  start: number;
  end: number;
  kind: MentionKind;
}

/** customer: a name or address the business's own customer list holds; email / phone: a pattern only. */
export type MentionKind = "customer_name" | "customer_email" | "email" | "phone";

export interface MentionCandidates {
  emails: { start: number; end: number; value: string }[];
  phones: { start: number; end: number; e164: string }[];
  /** Runs of two to four capitalised words (particles ride with the word after them), every window of them ("Hi Priya Raman" gives "Hi Priya", "Priya Raman", ...). */
  names: { start: number; end: number; value: string }[];
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
/** Capitalised words ("MacLeod", "O'Brien", "Smith-Jones") and the particles inside names ("Van der Berg", "de la Cruz"). */
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’-]+`;
const PARTICLE = String.raw`(?:van|von|der|den|de|del|della|di|da|la|le|du|dos|das|bin|al)`;
const CAPITALISED_RUN = new RegExp(`${NAME_WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+)*${NAME_WORD})+`, "gu");
const WORD = new RegExp(`(?:${PARTICLE}[ \t]+)*${NAME_WORD}`, "gu");
const PHONE_LIKE = /\+?\d[\d ().-]{8,}\d/g;
/** A run of digits and separators holding at least ten digits: what a North American or international number needs. */
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const hasPhoneLikeRun = (text: string): boolean => [...text.matchAll(PHONE_LIKE)].some((m) => !IPV4.test(m[0].trim()) && m[0].replace(/\D/g, "").length >= 10);
/** Values longer than this are searched only in their first part: a page view is no letter. */
const TEXT_MAX = 20_000;

/**
 * The e-mail addresses, phone numbers and possible names in one free-text value (1798.145(k), R30:
 * information about someone else in the consumer's records). Pure and local: deciding which of
 * them are someone the business knows is lookUpKnownPeople's job. Phones are parsed with
 * libphonenumber-js (US default, as the business is Californian); names are windows of two or three
 * capitalised words, looked up whole, so a sentence's first word does not hide the name after it.
 */
export function findMentionCandidates(value: string): MentionCandidates {
  const text = value.length > TEXT_MAX ? value.slice(0, TEXT_MAX) : value;
  const emails = text.includes("@") ? [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0].toLowerCase() })) : [];
  const inEmail = (start: number, end: number) => emails.some((e) => start < e.end && end > e.start);
  // libphonenumber costs about a millisecond a call: only text with a run of ten digits and
  // separators gets one (timestamps, IP addresses and ids in page views do not; see bench review).
  const phones = hasPhoneLikeRun(text)
    ? findPhoneNumbersInText(text, "US")
        .filter((p) => !inEmail(p.startsAt, p.endsAt))
        .map((p) => ({ start: p.startsAt, end: p.endsAt, e164: p.number.number }))
    : [];
  const names: MentionCandidates["names"] = [];
  // Only values that read as text (a space between words): an identifier or URL holds no one's name.
  if (text.includes(" ")) {
    for (const run of text.matchAll(CAPITALISED_RUN)) {
      if (inEmail(run.index, run.index + run[0].length)) continue;
      const words = [...run[0].matchAll(WORD)].map((w) => ({ start: run.index + w.index, end: run.index + w.index + w[0].length }));
      for (let i = 0; i < words.length; i++) {
        for (const size of [2, 3, 4]) {
          const last = words[i + size - 1];
          if (!last) continue;
          names.push({ start: words[i]!.start, end: last.end, value: text.slice(words[i]!.start, last.end).replace(/\s+/g, " ") });
        }
      }
    }
  }
  return { emails, phones, names };
}

/** Lower case with single spaces: how names are compared with the customer list. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

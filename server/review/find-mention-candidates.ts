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
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Values longer than this are searched only in their first part: a page view is no letter. */
const TEXT_MAX = 20_000;

/**
 * The e-mail addresses, phone numbers and possible names in one free-text value (1798.145(k), R30:
 * information about someone else in the consumer's records). Pure and local: deciding which of
 * them are someone the business knows is lookUpKnownPeople's job. Phones are parsed with
 * libphonenumber-js (US default, as the business is Californian); names are windows of two or three
 * capitalised words, looked up whole, so a sentence's first word does not hide the name after it.
 *
 * Most values of a large disclosure (page views: URLs, timestamps, cities, codes) can hold none of
 * these: each kind is asked for only after a character loop has seen what it needs (an '@'; ten
 * digits; two capitals, one after a space), so the regular expressions and libphonenumber run on few values
 * (ADR 043: the profile of the index build at 100k records was dominated by them).
 */
export function findMentionCandidates(value: string): MentionCandidates {
  const text = value.length > TEXT_MAX ? value.slice(0, TEXT_MAX) : value;
  const shape = textShape(text);
  const emails = shape.at ? [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0].toLowerCase() })) : [];
  // libphonenumber costs about a millisecond a call: only text with a run of ten digits and
  // separators gets one (timestamps, IP addresses and ids in page views do not; see bench review).
  const phones = shape.digits >= 10 && hasPhoneLikeRun(text)
    ? findPhoneNumbersInText(text, "US")
        .filter((p) => !overlapsAny(emails, p.startsAt, p.endsAt))
        .map((p) => ({ start: p.startsAt, end: p.endsAt, e164: p.number.number }))
    : [];
  // Only values that read as text (two capitalised words, a space between): an identifier or URL holds no one's name.
  const names = shape.nameRun ? nameWindows(text, emails) : [];
  return { emails, phones, names };
}

/**
 * What one pass over the characters can tell: whether an '@', how many digits, and whether a name
 * run is possible (CAPITALISED_RUN needs two capitals, the second right after a space or tab).
 */
function textShape(text: string): { at: boolean; digits: number; nameRun: boolean } {
  let at = false;
  let digits = 0;
  let capitals = 0;
  let capitalAfterSpace = false;
  let afterSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += 1;
    else if (c === 64) at = true;
    else if ((c >= 65 && c <= 90) || (c > 127 && isUpperCase(text[i]!))) {
      capitals += 1;
      if (afterSpace) capitalAfterSpace = true;
    }
    afterSpace = c === 32 || c === 9;
  }
  return { at, digits, nameRun: capitals >= 2 && capitalAfterSpace };
}

const UPPER = /\p{Lu}/u;
/** Exactly NAME_WORD's notion of a capital, asked only of characters outside ASCII. */
function isUpperCase(char: string): boolean {
  return UPPER.test(char);
}

function hasPhoneLikeRun(text: string): boolean {
  for (const m of text.matchAll(PHONE_LIKE)) if (!IPV4.test(m[0].trim()) && m[0].replace(/\D/g, "").length >= 10) return true;
  return false;
}

function overlapsAny(spans: readonly { start: number; end: number }[], start: number, end: number): boolean {
  for (const span of spans) if (start < span.end && end > span.start) return true;
  return false;
}

/** Every window of two to four words of each capitalised run outside an e-mail address. */
function nameWindows(text: string, emails: MentionCandidates["emails"]): MentionCandidates["names"] {
  const names: MentionCandidates["names"] = [];
  for (const run of text.matchAll(CAPITALISED_RUN)) {
    if (overlapsAny(emails, run.index, run.index + run[0].length)) continue;
    const words = [...run[0].matchAll(WORD)].map((w) => ({ start: run.index + w.index, end: run.index + w.index + w[0].length }));
    for (let i = 0; i < words.length; i++) {
      for (let size = 2; size <= 4 && i + size - 1 < words.length; size++) {
        const last = words[i + size - 1]!;
        names.push({ start: words[i]!.start, end: last.end, value: text.slice(words[i]!.start, last.end).replace(/\s+/g, " ") });
      }
    }
  }
  return names;
}

/** Lower case with single spaces: how names are compared with the customer list. */
export function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

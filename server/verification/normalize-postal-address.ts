import type { PostalAddress } from "./data-points.shared";
import { foldText } from "./fold-text";
import { stateCode } from "./us-state-codes";

export interface NormalizedAddress {
  street: string;
  city: string | null;
  state: string | null;
  /** First five digits: ZIP+4 "94110-1234" and "94110" are the same delivery area. */
  zip5: string | null;
}

/** Unit designator written any way ("#", "Apt", "Apartment", "Unit", "Suite", "Ste") -> "#". */
const UNIT = "#";

// USPS Publication 28 standard abbreviations for the words people spell both ways.
const STREET_WORDS: Record<string, string> = {
  street: "st", avenue: "ave", av: "ave", road: "rd", boulevard: "blvd", drive: "dr", lane: "ln",
  court: "ct", place: "pl", terrace: "ter", highway: "hwy", parkway: "pkwy", circle: "cir",
  square: "sq", trail: "trl", expressway: "expy", freeway: "fwy", plaza: "plz", alley: "aly",
  north: "n", south: "s", east: "e", west: "w", northeast: "ne", northwest: "nw",
  southeast: "se", southwest: "sw", floor: "fl", building: "bldg",
  apartment: UNIT, apt: UNIT, unit: UNIT, suite: UNIT, ste: UNIT,
};

/**
 * A postal address in a comparable form, or null without a street. "123 Main Street, Apt. 4"
 * and "123 main st #4" normalise alike; so do "California" and "CA", "94110-1234" and "94110".
 * Street names themselves are never shortened or guessed at: "Saint" may or may not be "St".
 *
 * @example normalizePostalAddress({ street: "123 Main Street Apt 4", state: "California", postalCode: "94110-1234" })
 * // { street: "123 main st # 4", city: null, state: "ca", zip5: "94110" }
 */
export function normalizePostalAddress(address: PostalAddress | null | undefined): NormalizedAddress | null {
  if (!address || typeof address.street !== "string") return null;
  const street = normalizeStreet(address.street);
  if (!street) return null;
  const city = address.city ? foldText(address.city) || null : null;
  const state = address.state ? stateCode(foldText(address.state)) || null : null;
  const digits = (address.postalCode ?? "").replace(/\D/g, "");
  return { street, city, state, zip5: digits.length >= 5 ? digits.slice(0, 5) : null };
}

function normalizeStreet(street: string): string {
  const spaced = street
    .replace(/\bp\.?\s*o\.?\s+box\b/giu, "po box")
    // "#" is punctuation to foldText; make it a word first so "#4" keeps its designator.
    .replace(/#/g, " apt ");
  const words = foldText(spaced)
    .split(" ")
    .filter(Boolean)
    .map((word) => STREET_WORDS[word] ?? word);
  // "Apt #4" and "Apt. No. 4" name one designator, not two; "No" elsewhere may be a street name.
  return words.filter((word, i) => !(words[i - 1] === UNIT && (word === UNIT || word === "no" || word === "number"))).join(" ");
}

import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * E.164 form of a phone number as people type it ("(415) 555-0101", "415.555.0101", "+1 415…"),
 * US by default because the business is Californian; null when it cannot be a real number. One
 * function for identity matching and for the identity graph, so both agree on who a number is.
 *
 * @example normalizePhone("(415) 555-0101") // "+14155550101"
 */
export function normalizePhone(value: string): string | null {
  const phone = parsePhoneNumberFromString(value.trim(), "US");
  return phone?.isPossible() ? phone.number : null;
}

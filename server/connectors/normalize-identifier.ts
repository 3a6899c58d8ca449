import { normalizePhone } from "../lib/normalize-phone";

/**
 * Canonical form of an identifier value, so that "Olivia.Bennett@X.example" and
 * "olivia.bennett@x.example", or "(415) 555-0142" and "+14155550142", are one node of the identity
 * graph. Returns null for values that identify nobody (empty, whitespace, an unusable phone).
 *
 * Phone numbers go to E.164 with the same function identity verification uses (server/lib/normalize-phone.ts).
 *
 * @example normalizeIdentifier("email", " Olivia.Bennett@X.example ") // "olivia.bennett@x.example"
 * @example normalizeIdentifier("phone", "(415) 555-0142") // "+14155550142"
 */
export function normalizeIdentifier(identifier: string, raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const value = String(raw).trim();
  if (value === "") return null;
  switch (identifier) {
    case "email":
      // Local parts are case-sensitive in theory (RFC 5321) and never in practice; matching
      // case-insensitively finds the person's records, which is what the right to know needs.
      return value.toLowerCase();
    case "phone":
      return normalizePhone(value);
    default:
      return value;
  }
}

/**
 * The digit strings a stored phone may reduce to when every non-digit is removed: the E.164
 * digits and, for +1 numbers, the 10-digit national form. Used by `match: digits` lookups.
 */
export function phoneDigitVariants(e164: string): string[] {
  const digits = e164.replace(/\D/g, "");
  return digits.length === 11 && digits.startsWith("1") ? [digits, digits.slice(1)] : [digits];
}

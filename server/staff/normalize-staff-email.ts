import { parseEmailAddress } from "../lib/email-address";

/**
 * Staff and agent e-mails are stored in the one normal form of parseEmailAddress (NFC, case-folded,
 * domain in Unicode form), so "Ana@Parlay.example " signs in as the account created for
 * "ana@parlay.example" and the UNIQUE index sees them as one. Text that is no address is only
 * trimmed and lower-cased: it matches no account either way.
 */
export function normalizeStaffEmail(email: string): string {
  const parsed = parseEmailAddress(email);
  return parsed.ok ? parsed.address : email.trim().toLowerCase();
}

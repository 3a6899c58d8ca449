/**
 * Staff e-mails are stored trimmed and in lower case, so "Ana@Parlay.example " signs in as the
 * account created for "ana@parlay.example" and the UNIQUE index sees them as one.
 */
export function normalizeStaffEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Sign-in and session limits for staff, in one place (docs/decisions/010-staff-authentication.md).
 * Staff sessions open every consumer's request records, so they are short and end on idleness
 * (11 CCR 7101(b): reasonable security for request records; 1798.150 for what a breach costs).
 */

// Failed sign-ins never lock an account: they slow the (address, IP) pair and lock only an IP
// (server/sign-in-throttle/sign-in-throttle-policy.ts, ADR 040).
/** A session nobody used for this long ends. */
export const SESSION_IDLE_MINUTES = 30;
/** A session ends this long after sign-in, however busy. */
export const SESSION_ABSOLUTE_HOURS = 12;
/** last_seen_at is written at most this often, so reading a session is not a write per request. */
export const SESSION_TOUCH_SECONDS = 60;
/** NIST SP 800-63B §5.1.1.2 asks for at least 8; staff accounts guard many people's data. */
export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that nobody can make us hash megabytes. */
export const MAX_PASSWORD_LENGTH = 256;

import { Secret, TOTP } from "otpauth";

/**
 * RFC 6238 defaults that every authenticator app understands: SHA-1, 6 digits, 30-second steps.
 * (Google Authenticator and others ignore other algorithms in the otpauth:// URI.)
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after are accepted: phone clocks drift and people type slowly. */
export const TOTP_WINDOW = 1;
/** 160 bits, the key size RFC 4226 §4 recommends for HMAC-SHA-1. */
export const TOTP_SECRET_BYTES = 20;

/**
 * A TOTP for a base32 secret. `issuer` and `label` only matter for the enrolment QR code.
 *
 * @example buildTotp("JBSWY3DPEHPK3PXP", { issuer: "Parlay privacy ops", label: "ana@parlay.example" }).toString()
 * // "otpauth://totp/Parlay%20privacy%20ops:ana%40parlay.example?issuer=...&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30"
 */
export function buildTotp(secret: string, labels: { issuer?: string; label?: string } = {}): TOTP {
  return new TOTP({
    issuer: labels.issuer ?? "",
    label: labels.label ?? "staff",
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A fresh random secret, base32 (what the QR code and the manual-entry key carry). */
export function newTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

/**
 * The time step a code belongs to, if it is valid within ±TOTP_WINDOW steps of `now`; null
 * otherwise. Callers must still refuse a step already used (see claimTotpStep).
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = buildTotp(secret);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { Env } from "../env";
import { deriveSecretKey } from "../sessions/session-secret";

type SecretEnv = Pick<Env, "SESSION_SECRET" | "DATA_DIR" | "isProduction">;

const FORMAT = "h1";

export interface EmailCodeBinding {
  requestId: string;
  /** Opaque per-browser value (e.g. a pre-session cookie) the code is tied to; "" when unbound. */
  bindTo?: string;
}

/** Six decimal digits from the CSPRNG, uniform over 000000-999999 (randomInt rejects modulo bias). */
export function generateEmailCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}

/**
 * What is stored for a code: "h1$<salt>$<HMAC-SHA256 hex>". A six-digit code has only 10^6
 * values, so a plain or salted hash (even scrypt) is brute-forced offline in minutes from a
 * leaked table. The HMAC key is derived from SESSION_SECRET, which is not in the database, so a
 * table leak alone reveals nothing (11 CCR 7060(f)). The per-row salt makes equal codes hash
 * differently; the request id (and the optional browser binding) in the message make a code
 * valid only for the request, and browser, it was issued to (R18; X8).
 */
export function hashEmailCode(env: SecretEnv, binding: EmailCodeBinding & { code: string }, salt = randomBytes(16).toString("base64url")): string {
  return `${FORMAT}$${salt}$${mac(env, salt, binding, binding.code)}`;
}

/** Constant-time check of a typed code against a stored hash; spaces and dashes are ignored. */
export function emailCodeMatches(env: SecretEnv, stored: string, binding: EmailCodeBinding & { code: string }): boolean {
  const [format, salt, expected] = stored.split("$");
  if (format !== FORMAT || !salt || !expected) return false;
  const typed = binding.code.replace(/[\s-]/g, "");
  const actual = Buffer.from(mac(env, salt, binding, typed), "hex");
  const wanted = Buffer.from(expected, "hex");
  // Same length by construction (both SHA-256), so timingSafeEqual never throws here.
  return actual.length === wanted.length && timingSafeEqual(actual, wanted);
}

function mac(env: SecretEnv, salt: string, binding: EmailCodeBinding, code: string): string {
  // Unit separators keep the fields apart: no (request, binding, code) triple can spell another.
  const message = [salt, binding.requestId, binding.bindTo ?? "", code].join("\u001f");
  return createHmac("sha256", deriveSecretKey(env, "verification-code")).update(message, "utf8").digest("hex");
}

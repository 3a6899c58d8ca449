import { createHmac, timingSafeEqual } from "node:crypto";
import type { Env } from "../env";
import { deriveSecretKey } from "./session-secret";

type SecretEnv = Pick<Env, "SESSION_SECRET" | "DATA_DIR" | "isProduction">;

/**
 * What a CSRF token is bound to: the consumer session (its hashed id) once the visitor has one,
 * otherwise a random per-browser nonce kept in a signed cookie (for the forms before sign-in,
 * where a forged post could sign a victim in to an attacker's request). ADR 003.
 */
export type CsrfBinding = { session: string } | { nonce: string };

/**
 * The token a form carries: HMAC-SHA256 of the binding under a key derived from SESSION_SECRET.
 * A cross-site page can neither read the cookie nor compute the HMAC, so it cannot forge the
 * field; SameSite=Lax is the first line, this is the second (ADR 003).
 *
 * @example computeCsrfToken(ctx.env, { session: session.id }) // "q3V…" (43 chars, base64url)
 */
export function computeCsrfToken(env: SecretEnv, binding: CsrfBinding): string {
  const message = "session" in binding ? `session:${binding.session}` : `nonce:${binding.nonce}`;
  return createHmac("sha256", deriveSecretKey(env, "csrf")).update(message, "utf8").digest("base64url");
}

/** Constant-time check of a submitted token against any of the visitor's bindings. */
export function isValidCsrfToken(env: SecretEnv, bindings: readonly CsrfBinding[], submitted: unknown): boolean {
  if (typeof submitted !== "string" || submitted.length !== 43) return false;
  const given = Buffer.from(submitted, "utf8");
  let valid = false;
  for (const binding of bindings) {
    const expected = Buffer.from(computeCsrfToken(env, binding), "utf8");
    // No early exit: the time taken does not depend on which binding matched.
    valid = (expected.length === given.length && timingSafeEqual(expected, given)) || valid;
  }
  return valid;
}

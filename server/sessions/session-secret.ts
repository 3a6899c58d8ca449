import { createHmac, hkdfSync } from "node:crypto";
import type { Env } from "../env";
import { loadOrCreateLocalSecret } from "../lib/local-secret";

type SecretEnv = Pick<Env, "SESSION_SECRET" | "DATA_DIR" | "isProduction">;

const LOCAL_SECRET_FILE = "session-secret";
const localSecrets = new Map<string, string>();
const derivedKeys = new Map<string, Buffer>();

/** What a derived key is for; each purpose gets its own key, so one can never stand in for another. */
export type SecretPurpose = "cookie" | "verification-code" | "rate-limit-bucket" | "csrf" | "request-search";

/**
 * The portal's session secret: SESSION_SECRET, or outside production a random one kept under
 * DATA_DIR/keys (mode 600), so `npm start` needs no setup. server/env.ts already refuses to start
 * in production without SESSION_SECRET; the check here guards callers that build an Env by hand.
 */
export function getSessionSecret(env: SecretEnv): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.isProduction) throw new Error("SESSION_SECRET is required in production");
  let secret = localSecrets.get(env.DATA_DIR);
  if (!secret) {
    // Cached per DATA_DIR: it is read on every cookie parse and every code check.
    secret = loadOrCreateLocalSecret(env.DATA_DIR, LOCAL_SECRET_FILE, 32).toString("base64");
    localSecrets.set(env.DATA_DIR, secret);
  }
  return secret;
}

/**
 * A 32-byte key for one purpose, derived from the session secret with HKDF-SHA256 (RFC 5869), so
 * the cookie-signing secret is never itself used as the pepper for codes or rate-limit buckets.
 */
export function deriveSecretKey(env: SecretEnv, purpose: SecretPurpose): Buffer {
  const secret = getSessionSecret(env);
  // Derived once per (secret, purpose): every form render and cookie check needs a key, and HKDF
  // on each of them was measurable under load. Keyed by the secret itself, so a rotated secret
  // gets fresh keys.
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = derivedKeys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "rtk-portal", `rtk:${purpose}:v1`, 32));
    derivedKeys.set(cacheKey, key);
  }
  return key;
}

/**
 * HMAC-SHA256 (hex) of `message` under the purpose's derived key.
 *
 * @example keyedHash(ctx.env, "rate-limit-bucket", "issue-code:email:ana@example.test") // "9f2c…" (64 hex)
 */
export function keyedHash(env: SecretEnv, purpose: SecretPurpose, message: string): string {
  return createHmac("sha256", deriveSecretKey(env, purpose)).update(message, "utf8").digest("hex");
}

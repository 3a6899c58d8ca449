import type { Env } from "../env";
import { normalizePhone } from "../lib/normalize-phone";
import { keyedHash } from "../sessions/session-secret";

type SecretEnv = Pick<Env, "SESSION_SECRET" | "DATA_DIR" | "isProduction">;

/**
 * The keys the ops queue finds a requester by (issue 17.4, ADR 039): HMAC-SHA256 of the normal
 * form of the e-mail address or phone, under a key derived from SESSION_SECRET. The database holds
 * no plain index of addresses, and a leaked table cannot be searched without the secret. Each key
 * starts with an id of the secret it was made under, so rows keyed under a rotated secret are
 * found stale and re-keyed at start-up (reindex-request-search-keys.ts) instead of silently
 * missing.
 */
export function searchKeyId(env: SecretEnv): string {
  return keyedHash(env, "request-search", "key-id").slice(0, 8);
}

/** The e-mail address as create-request stores it (already normalised by emailAddress()). */
export function emailSearchKey(env: SecretEnv, email: string): string {
  return `${searchKeyId(env)}:${keyedHash(env, "request-search", `email:${email}`)}`;
}

/** null when the text is no phone number: such a value cannot be searched for either. */
export function phoneSearchKey(env: SecretEnv, phone: string | null | undefined): string | null {
  const e164 = phone ? normalizePhone(phone) : null;
  return e164 ? `${searchKeyId(env)}:${keyedHash(env, "request-search", `phone:${e164}`)}` : null;
}

import type { Env } from "../env";
import { loadOrCreateLocalSecret } from "../lib/local-secret";

const KEY_FILE = "report-encryption.key";

/**
 * The AES-256 master key for reports at rest (11 CCR 7024(f); R32: report files are encrypted at
 * rest). Production must supply REPORT_ENCRYPTION_KEY (server/env.ts refuses to start without it),
 * so every instance and worker shares one key. The embedded default generates one under
 * DATA_DIR/keys (mode 600), so `npm start` needs no setup yet never writes plaintext reports.
 *
 * Losing the key makes every stored report unreadable; that is acceptable because a report can be
 * rendered again from the request, and it is better than a key that lives next to the data.
 *
 * @example const key = getReportKey(ctx.env); // 32-byte Buffer
 */
export function getReportKey(env: Pick<Env, "REPORT_ENCRYPTION_KEY" | "DATA_DIR" | "isProduction">): Buffer {
  let key: Buffer;
  if (env.REPORT_ENCRYPTION_KEY) {
    key = Buffer.from(env.REPORT_ENCRYPTION_KEY, "base64");
  } else if (env.isProduction) {
    // Never fall back to a per-machine key in production: other instances could not read its reports.
    throw new Error("REPORT_ENCRYPTION_KEY is required in production");
  } else {
    key = loadOrCreateLocalSecret(env.DATA_DIR, KEY_FILE, 32);
  }
  // The message names the setting or file, never the key.
  if (key.length !== 32) throw new Error(`report encryption key must be 32 bytes (REPORT_ENCRYPTION_KEY or keys/${KEY_FILE})`);
  return key;
}

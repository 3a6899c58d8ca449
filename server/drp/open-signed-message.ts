import { createPublicKey, verify, type KeyObject } from "node:crypto";

const SIGNATURE_BYTES = 64;
const keys = new Map<string, KeyObject | null>();

/**
 * The Ed25519 public key of a directory `verify_key` (standard base64 of the raw 32 bytes, DRP
 * 1.0 §2.05), or null when it is not one. Node imports raw Ed25519 keys only as JWK.
 */
export function importVerifyKey(verifyKey: string): KeyObject | null {
  if (keys.has(verifyKey)) return keys.get(verifyKey)!;
  const raw = Buffer.from(verifyKey, "base64");
  let key: KeyObject | null = null;
  if (raw.length === 32) {
    try {
      key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
    } catch {
      key = null;
    }
  }
  keys.set(verifyKey, key);
  return key;
}

/**
 * Opens a DRP signed body: base64 of libsodium "combined mode" output, the 64-byte Ed25519
 * signature followed by the message bytes (DRP 1.0 §3.07; drp.md §4). Returns the message bytes
 * exactly as signed, for the caller to parse as received (never re-serialised), or null when the
 * body is not base64 of at least a signature, or the signature does not verify with `verifyKey`.
 *
 * @example openSignedMessage(await req.text(), agent.verifyKey) // Buffer of '{"agent-id": ...}' or null
 */
export function openSignedMessage(body: string, verifyKey: string): Buffer | null {
  const key = importVerifyKey(verifyKey);
  const text = body.trim();
  // Buffer.from(…, "base64") skips junk silently; insist on the alphabet so garbage is refused as such.
  if (!key || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const signed = Buffer.from(text, "base64");
  if (signed.length <= SIGNATURE_BYTES) return null;
  const signature = signed.subarray(0, SIGNATURE_BYTES);
  const message = signed.subarray(SIGNATURE_BYTES);
  return verify(null, message, key, signature) ? message : null;
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A fresh download token (256 random bits, base64url, sent once in the URL) and its SHA-256,
 * which is the only thing stored. Unguessable by construction (X10: ids are >= 128-bit random).
 */
export function mintDownloadToken(): { token: string; id: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, id: sha256Hex(token) };
}

/** The stored id of a token, or null when the string cannot be one of ours (no lookup needed). */
export function hashDownloadToken(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? sha256Hex(token) : null;
}

function sha256Hex(token: string): string {
  return createHash("sha256").update(token, "ascii").digest("hex");
}

/**
 * Constant-time equality of two secrets or secret hashes, so response timing reveals nothing
 * about how much of a guess matched. Different lengths compare unequal (length is not secret).
 */
export function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

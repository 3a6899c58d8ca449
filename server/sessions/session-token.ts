import { createHash, randomBytes } from "node:crypto";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A fresh session token (256 random bits, base64url) for the cookie, and its SHA-256 (hex), which
 * is the only thing the database keeps: a leaked consumer_sessions table opens no session (ADR 003).
 */
export function mintSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, id: sha256Hex(token) };
}

/** The session id of a token, or null when the string cannot be one of ours (no lookup needed). */
export function hashSessionToken(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? sha256Hex(token) : null;
}

function sha256Hex(token: string): string {
  return createHash("sha256").update(token, "ascii").digest("hex");
}

import { createHash, randomBytes } from "node:crypto";

/** A new pairwise token: 48 random bytes, base64url (the charset agents already handle, drp.md §4.3). */
export function newDrpToken(): string {
  return randomBytes(48).toString("base64url");
}

/** What the database keeps of a token: a leaked table cannot be replayed as bearer tokens. */
export function hashDrpToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

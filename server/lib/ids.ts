import { randomBytes } from "node:crypto";

// Crockford base32 without I, L, O, U: no look-alike characters when an id is read aloud on the phone.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A random 130-bit identifier (26 base32 characters). Request, report and download ids are made here
 * so that no id can be guessed or enumerated (11 CCR 7024(a); adversarial case X10).
 *
 * @example newId() // "9m4e2k7q0c1v8r3t5x6z7b8n9d"
 */
export function newId(): string {
  // 256 is a multiple of 32, so byte % 32 is uniform: 26 characters carry 130 random bits.
  const bytes = randomBytes(26);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % 32]!;
  return out;
}

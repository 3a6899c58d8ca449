import { randomInt } from "node:crypto";

// No 0/O, 1/l/I: the password is read off a screen and typed on another device.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/**
 * A random password for a new account, shown once to whoever created it: five groups of four
 * characters from a 56-letter alphabet, about 116 bits, e.g. "k7Qm-x2Rb-...".
 */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 5; g += 1) {
    let group = "";
    for (let i = 0; i < 4; i += 1) group += ALPHABET[randomInt(ALPHABET.length)]!;
    groups.push(group);
  }
  return groups.join("-");
}

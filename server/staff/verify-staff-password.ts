import { randomBytes } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { hashStaffPassword } from "./hash-staff-password";

// Made once at start-up rather than on first use, so the first unknown address is not slower.
const dummyHash: Promise<string> = hashStaffPassword(randomBytes(24).toString("base64url"));

/**
 * Checks a password against a stored argon2 hash. With no hash (unknown e-mail) it verifies against
 * a throwaway hash made with the same parameters, so the answer takes as long either way and its
 * timing does not tell whether an account exists (OWASP Authentication Cheat Sheet; X3).
 */
export async function verifyStaffPassword(storedHash: string | null, password: string): Promise<boolean> {
  const target = storedHash ?? (await dummyHash);
  let ok: boolean;
  try {
    ok = await verify(target, password);
  } catch {
    // A malformed stored hash is a failed check, never a way in.
    ok = false;
  }
  return storedHash !== null && ok;
}

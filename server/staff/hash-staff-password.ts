import { hash } from "@node-rs/argon2";

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first recommended setting (19 MiB, 2
 * iterations, 1 lane): about 30-60 ms here, slow enough to make a stolen table costly to crack.
 * argon2id is @node-rs/argon2's default algorithm; the stored string starts with "$argon2id$" and
 * carries its own parameters and salt, so raising them later only affects new hashes.
 */
export const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export async function hashStaffPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

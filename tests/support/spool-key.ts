import fs from "node:fs";
import { sealSpool, unsealSpool } from "../../server/collection/spool-cipher";

/** The key test spools are encrypted with (ADR 035): spools are never plaintext, in tests either. */
export const TEST_SPOOL_KEY = Buffer.alloc(32, 7);

/** Writes spool lines (text or bytes) as a real, encrypted spool file. */
export function writeSealedSpool(file: string, plaintext: string | Buffer): void {
  fs.writeFileSync(file, sealSpool(plaintext, TEST_SPOOL_KEY), { mode: 0o600 });
}

/** A spool file's plaintext. */
export function readSealedSpool(file: string): Buffer {
  return unsealSpool(fs.readFileSync(file), TEST_SPOOL_KEY);
}

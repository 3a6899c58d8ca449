import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Env } from "../env";
import { decryptStream } from "../delivery/decrypt-stream";
import { encryptStream } from "../delivery/encrypt-stream";
import { getReportKey } from "../delivery/report-key";

type FileEnv = Pick<Env, "DATA_DIR" | "REPORT_ENCRYPTION_KEY" | "isProduction">;
const KEY_PATTERN = /^[0-9a-z]{26}$/;

/** DATA_DIR/authorizations: outside public/, never served by the static middleware. */
export function authorizationsDir(dataDir: string): string {
  return path.join(dataDir, "authorizations");
}

function fileFor(env: FileEnv, storageKey: string): string {
  // Keys are made by newId(); anything else (a tampered row) must never become a path.
  if (!KEY_PATTERN.test(storageKey)) throw new Error("invalid authorization storage key");
  return path.join(authorizationsDir(env.DATA_DIR), storageKey);
}

/**
 * Writes a document encrypted (AES-256-GCM, the reports' blob format and key; ADR 006) under a
 * generated name, mode 600. Written to a temp name and renamed, so a crash never leaves half a
 * file under a live key. The storage key is bound into every segment: a file moved under another
 * row's key fails to decrypt.
 */
export async function writeAuthorizationFile(env: FileEnv, input: { storageKey: string; bytes: Buffer }): Promise<void> {
  const dir = authorizationsDir(env.DATA_DIR);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = fileFor(env, input.storageKey);
  const temp = `${file}.tmp`;
  try {
    const blob = encryptStream([input.bytes], { key: getReportKey(env), context: Buffer.from(input.storageKey, "ascii") });
    await pipeline(Readable.from(blob), fs.createWriteStream(temp, { flags: "wx", mode: 0o600, flush: true }));
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

export async function removeAuthorizationFile(env: FileEnv, storageKey: string): Promise<void> {
  await fs.promises.rm(fileFor(env, storageKey), { force: true });
}

/** The decrypted document as a stream; it errors if the file was altered (GCM tags). */
export function readAuthorizationFile(env: FileEnv, storageKey: string): Readable {
  const source = fs.createReadStream(fileFor(env, storageKey));
  return Readable.from(decryptStream(source, { key: getReportKey(env), context: Buffer.from(storageKey, "ascii") }));
}

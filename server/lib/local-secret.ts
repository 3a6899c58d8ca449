import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Returns a secret kept in DATA_DIR/keys/<name>, creating it (mode 600) on first use. Only for the
 * embedded default: production must pass secrets through the environment (server/env.ts enforces it).
 */
export function loadOrCreateLocalSecret(dataDir: string, name: string, bytes = 32): Buffer {
  const dir = path.join(dataDir, "keys");
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(bytes);
  // Written whole to a private temporary file, then linked into place: link() fails if the name
  // exists, so when several processes start together (WEB_CONCURRENCY, workers) one wins and the
  // others read the winner's key, and nobody can read a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(temporary, secret.toString("base64"), { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(temporary, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

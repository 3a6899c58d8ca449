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
  // "wx": if two processes race on first start, one wins and the other reads the winner's key.
  try {
    fs.writeFileSync(file, secret.toString("base64"), { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  }
}

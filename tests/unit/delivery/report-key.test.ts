import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getReportKey } from "../../../server/delivery/report-key";

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-key-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("getReportKey", () => {
  it("[OPS]: uses REPORT_ENCRYPTION_KEY when set", () => {
    const key = randomBytes(32);
    const dataDir = tempDir();
    expect(getReportKey({ REPORT_ENCRYPTION_KEY: key.toString("base64"), DATA_DIR: dataDir, isProduction: true }).equals(key)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, "keys"))).toBe(false);
  });

  it("[SECURITY]: outside production generates one key under DATA_DIR/keys, mode 600, and reuses it", () => {
    const dataDir = tempDir();
    const first = getReportKey({ DATA_DIR: dataDir, isProduction: false });
    const file = path.join(dataDir, "keys", "report-encryption.key");
    expect(first.length).toBe(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(getReportKey({ DATA_DIR: dataDir, isProduction: false }).equals(first)).toBe(true);
  });

  it("[SECURITY]: never generates a key in production, and refuses a key of the wrong size without echoing it", () => {
    expect(() => getReportKey({ DATA_DIR: tempDir(), isProduction: true })).toThrow("REPORT_ENCRYPTION_KEY is required in production");
    const short = randomBytes(16).toString("base64");
    let message = "";
    try {
      getReportKey({ REPORT_ENCRYPTION_KEY: short, DATA_DIR: tempDir(), isProduction: false });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/must be 32 bytes/);
    expect(message).not.toContain(short);
  });
});

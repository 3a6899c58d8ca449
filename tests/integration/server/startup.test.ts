import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Starts the real server entry with a broken setting and returns what an operator would see.
function startServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-start-"));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", NODE_ENV: "test", ...env },
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, stderr, stdout });
    });
  });
}

describe("server start-up with bad settings", () => {
  it("[OPS]: a malformed DATABASE_URL stops with one line naming the setting", async () => {
    const { code, stderr } = await startServer({ DATABASE_URL: "postgres://admin:hunter2@db/app" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^rtk: Invalid setting DATABASE_URL: must be sqlite:/)]);
    expect(stderr).not.toContain("hunter2");
  });

  it("[OPS]: an unreachable MySQL stops with one line naming the setting, password hidden", async () => {
    const { code, stderr } = await startServer({ DATABASE_URL: "mysql://app:s3cret@127.0.0.1:1/rtk" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      "rtk: Cannot connect to DATABASE_URL (mysql://app:***@127.0.0.1:1/rtk): ECONNREFUSED",
    ]);
  });

  it("[OPS]: a port that is not a number is refused before anything starts", async () => {
    const { code, stderr } = await startServer({ PORT: "http" });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^rtk: Invalid setting PORT: /);
  });

  it("[OPS]: a data map with a typo stops the start and names the place", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-map-"));
    const broken = fs
      .readFileSync("server/datamap/demo/parlay.datamap.yaml", "utf8")
      .replace(/categories: \[A, B\]/, "categories: [A, Q]");
    fs.writeFileSync(path.join(dir, "map.yaml"), broken);
    const { code, stderr } = await startServer({ DATAMAP_PATH: path.join(dir, "map.yaml") });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^rtk: Invalid setting DATAMAP_PATH \(.*map\.yaml\): data map is invalid/);
    expect(stderr).toMatch(/categories\[1\]: .*"Q"/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

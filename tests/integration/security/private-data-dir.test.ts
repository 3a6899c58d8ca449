import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
/** Starts the portal's bootstrap in a real process, as `npm start` would, then writes a key, a report-like file and an outbox mail. */
const SCRIPT = `
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "${ROOT}/server/env";
import { bootstrap } from "${ROOT}/server/bootstrap";
import { getReportKey } from "${ROOT}/server/delivery/report-key";
import { createMailTransport } from "${ROOT}/server/mail/create-mail-transport";
const env = parseEnv();
const ctx = await bootstrap(env);
getReportKey(env);
await createMailTransport(env).send({ to: "jane@example.com", subject: "Code", text: "123456" });
const modes = {};
const walk = (dir) => { for (const name of fs.readdirSync(dir)) { const p = path.join(dir, name); const s = fs.lstatSync(p); modes[path.relative(env.DATA_DIR, p)] = (s.mode & 0o777).toString(8); if (s.isDirectory()) walk(p); } };
modes["."] = (fs.statSync(env.DATA_DIR).mode & 0o777).toString(8);
walk(env.DATA_DIR);
console.log(JSON.stringify(modes));
await ctx.db.destroy();
`;

describe("private files at rest (issue 16 item 4)", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-modes-"));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  const run = (dataDir: string): Record<string, string> => {
    const script = path.join(work, "start.mts");
    fs.writeFileSync(script, SCRIPT);
    // umask 022, as on most servers: what the portal creates must be private anyway.
    const result = spawnSync("sh", ["-c", `umask 022 && exec "${process.execPath}" --import tsx "${script}"`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH, NODE_ENV: "development", DATA_DIR: dataDir, LOG_LEVEL: "silent" },
      timeout: 120_000,
    });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Record<string, string>;
  };

  it("[SECURITY]: with umask 022 a new DATA_DIR is 700 and the database, its WAL files, keys and outbox are 600", () => {
    const modes = run(path.join(work, "fresh", "data"));
    expect(modes["."]).toBe("700");
    expect(modes["portal.sqlite"]).toBe("600");
    expect(modes["portal.sqlite-wal"]).toBe("600");
    expect(modes["portal.sqlite-shm"]).toBe("600");
    expect(Object.keys(modes).some((name) => name.startsWith("keys/"))).toBe(true);
    expect(Object.keys(modes).some((name) => name.startsWith("outbox/"))).toBe(true);
    for (const [name, mode] of Object.entries(modes)) expect([name, mode]).toEqual([name, expect.stringMatching(/^[67]00$/)]);
  });

  it("[SECURITY]: a DATA_DIR an older version left world-readable is tightened at start-up", () => {
    const old = path.join(work, "old");
    fs.mkdirSync(path.join(old, "spool"), { recursive: true, mode: 0o755 });
    fs.chmodSync(old, 0o755);
    fs.writeFileSync(path.join(old, "spool", "left.ndjson"), "[]\n", { mode: 0o644 });
    fs.writeFileSync(path.join(old, "portal.sqlite"), "", { mode: 0o644 });
    const modes = run(old);
    expect(modes["."]).toBe("700");
    expect(modes.spool).toBe("700");
    expect(modes["spool/left.ndjson"]).toBe("600");
    expect(modes["portal.sqlite"]).toBe("600");
  });
});

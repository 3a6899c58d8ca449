import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { demoPerson } from "../../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { sourceDialects } from "../../support/dialects";
import { DEMO_MAP } from "./fixtures";

const olivia = demoPerson("ordinary");

describe.each(sourceDialects())("the rtk datamap and collect commands on $name", (dialect) => {
  let dir: string;
  let url: string;
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-cli-"));
    if (dialect.name === "sqlite") {
      // A file, not the in-memory test database: the command runs in another process.
      url = `sqlite:${path.join(dir, "demo.sqlite")}`;
      const handle = openDb<DemoBusinessDb>(url);
      await seedDemoBusiness(handle.db, { dialect: "sqlite", people: 40 });
      await handle.db.destroy();
    } else {
      const t = await dialect.create<DemoBusinessDb>();
      await seedDemoBusiness(t.db, { dialect: t.dialect, people: 40 });
      url = t.url;
      cleanup = () => t.cleanup();
    }
    const bad = fs.readFileSync(DEMO_MAP, "utf8").replace("email: { label: { en: E-mail address, es: Correo electrónico }, categories: [A] }", "email: { label: { en: E-mail address, es: Correo electrónico }, categories: [A, Q] }");
    fs.writeFileSync(path.join(dir, "bad.datamap.yaml"), bad);
  });
  afterAll(async () => {
    await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const rtk = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, NODE_ENV: "test", DATA_DIR: dir, DEMO_SOURCE_URL: url, LOG_LEVEL: "warn" },
    });

  it("[OPS]: `rtk datamap check` validates the default map against the live demo database", () => {
    const result = rtk("datamap", "check");
    // MariaDB cannot index the phone-digits expression: two warnings (ADR 024), nothing else; exit 0.
    if (dialect.name === "mysql") expect(result.stderr.split("\n").filter((l) => l.startsWith("  ")).map((l) => /lookups\[\d\]/.exec(l)?.[0])).toEqual(["lookups[2]", "lookups[1]"]);
    else expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("ok  sources[0] parlay_app (sql): 18 dataset(s) match the live source");
    expect(result.stdout).toContain("valid, and every source matches it.");
  });

  it("[OPS]: `rtk collect` writes a private spool and its summary, printing counts but no personal data", () => {
    const out = path.join(dir, "olivia.ndjson");
    const result = rtk("collect", "--email", olivia.email, "--since", "2022-01-01", "--received", "2026-11-01", "--out", out);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Period 2022-01-01 .. 2026-11-01 (since_2022)");
    expect(result.stdout).toMatch(/parlay_app: ok, \d+ records/);
    expect(result.stdout).toContain("Categories collected: A, B, C, D, F, G, H, I, K, L");
    expect(result.stdout + result.stderr).not.toContain(olivia.email);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(`${out}.summary.json`, "utf8")).complete).toBe(true);
  });

  it("[DATAMAP]: a map with an unknown category is refused with its place, and nothing is collected", () => {
    const bad = path.join(dir, "bad.datamap.yaml");
    const out = path.join(dir, "never.ndjson");
    const collect = rtk("collect", "--map", bad, "--email", olivia.email, "--out", out);
    expect(collect.status).toBe(1);
    expect(collect.stderr).toContain('sources[0].datasets[0].fields.email.categories[1]: unknown category "Q"');
    expect(fs.existsSync(out)).toBe(false);
    const check = rtk("datamap", "check", bad);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('sources[0].datasets[0].fields.email.categories[1]: unknown category "Q"');
  });
});

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
      await seedDemoBusiness(handle.db, { dialect: "sqlite", people: 40, filesDir: path.join(dir, "demo-files") });
      await handle.db.destroy();
    } else {
      const t = await dialect.create<DemoBusinessDb>();
      await seedDemoBusiness(t.db, { dialect: t.dialect, people: 40, filesDir: path.join(dir, "demo-files") });
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
    expect(check.stderr).toMatch(/line \d+, column \d+: sources\[0\]\.datasets\[0\]\.fields\.email\.categories\[1\]: unknown category "Q"/);
  });

  it("[DATAMAP]: `datamap check` reports schema and live problems of one map in the same run (14.8)", () => {
    // A schema mistake in one dataset (no primaryKey) and a live one in another (a misspelt table).
    const text = fs
      .readFileSync(DEMO_MAP, "utf8")
      .replace("file: { path: legacy-crm-contacts.csv, format: csv }", "file: { path: legacy-crm-contacts.csv, format: xls }")
      .replace("table: accounts", "table: accountz");
    const file = path.join(dir, "two-kinds.datamap.yaml");
    fs.writeFileSync(file, text);
    const check = rtk("datamap", "check", file);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/line \d+, column \d+: sources\[\d+\]\.datasets\[0\]\.file\.format: format must be one of csv, ndjson, not the text "xls"/);
    expect(check.stderr).toMatch(/line \d+, column \d+: sources\[0\]\.datasets\[1\]\.table: table "accountz" does not exist/);
  });

  it("[OPS]: `rtk collect` takes a non-ASCII address and refuses a malformed one by saying what is wrong (14.6)", () => {
    const out = path.join(dir, "intl.ndjson");
    const ok = rtk("collect", "--email", "Stanisław.Wójcik@WP.pl", "--out", out);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("0 records");
    const bad = rtk("collect", "--email", "stanisław wójcik@wp.pl", "--out", path.join(dir, "never2.ndjson"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--email has a space, a control character, a misplaced dot or a character not allowed before the @");
    expect(bad.stderr).not.toContain("wójcik");
    expect(fs.existsSync(path.join(dir, "never2.ndjson"))).toBe(false);
  });
});

describe("rtk help", () => {
  const rtk = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], { encoding: "utf8", env: { PATH: process.env.PATH, NODE_ENV: "test" } });

  it("[OPS]: `rtk --help` lists every command and `rtk <command> --help` its options, exit 0, nothing run", () => {
    const all = rtk("--help");
    expect(all.status).toBe(0);
    for (const name of ["db migrate", "datamap check", "collect", "report", "ops create-user", "audit verify"]) expect(all.stdout).toContain(`  ${name}`);
    const report = rtk("report", "--help");
    expect(report.status).toBe(0);
    for (const option of ["--email", "--phone", "--customer-number", "--received", "--map", "--since", "--lang", "--json", "--pdf"]) expect(report.stdout).toContain(option);
    expect(rtk("help", "collect").stdout).toContain("Usage: rtk collect --email E");
    expect(rtk("datamap", "check", "--help").stdout).toContain("Usage: rtk datamap check [file]");
  });

  it("[OPS]: an unknown option or command says so and points to the help", () => {
    const option = rtk("report", "--mail", "x");
    expect(option.status).toBe(1);
    expect(option.stderr).toContain("Unknown option '--mail'");
    expect(option.stderr).toContain("rtk report --help");
    const command = rtk("colect");
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('unknown command "colect"');
  });
});

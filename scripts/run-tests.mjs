#!/usr/bin/env node
// The one test command (README): build, typecheck, lint, Vitest (unit + integration on SQLite and,
// with TEST_MYSQL_URL, MySQL/MariaDB; connector and collection suites also on PostgreSQL with
// TEST_POSTGRES_URL: tests/support/dialects.ts), then Playwright e2e on SQLite and on MySQL. Prints a single
// closing line "N passed, N failed" summed over every suite, which CI reads.
// Typecheck and lint count as one check each. Under CI=true nothing may be skipped.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";

const CI = process.env.CI === "true";
const OUT = ".ci-out";
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    notes.push(`${label} failed`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function vitest() {
  const ok = run("vitest (unit + integration)", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${OUT}/vitest.json`]);
  const report = readJson(`${OUT}/vitest.json`);
  if (!report) {
    totals.failed += 1;
    notes.push("vitest produced no report");
    return;
  }
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests + (ok || report.numFailedTests ? 0 : 1);
  if (!ok && !report.numFailedTests) notes.push("vitest failed outside a test (suite error)");
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}

function playwright(name, env) {
  const file = `${OUT}/e2e-${name}.json`;
  const ok = run(`playwright e2e (${name})`, "npx", ["playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
    E2E_DATA_DIR: `test-results/e2e-data-${name}`,
    ...env,
  });
  const report = readJson(file);
  if (!report) {
    totals.failed += 1;
    notes.push(`playwright (${name}) produced no report`);
    return;
  }
  const s = report.stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected + (ok || s.unexpected ? 0 : 1);
  totals.skipped += s.skipped;
  if (s.flaky) notes.push(`playwright (${name}): ${s.flaky} test(s) passed only on retry (flaky): look at test-results/`);
}

// Throwaway databases for one e2e run: the portal's own and the demo business's source systems.
async function withMysqlDatabases(baseUrl, fn) {
  const { createConnection } = await import("mysql2/promise");
  const base = new URL(baseUrl);
  const server = `${base.protocol}//${base.username}:${base.password}@${base.host}/`;
  const stem = `${base.pathname.slice(1) || "app_test"}_e2e_${randomBytes(4).toString("hex")}`;
  const names = [stem, `${stem}_src`];
  const admin = await createConnection({ uri: server });
  for (const name of names) await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const urls = names.map((name) => {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return url.toString();
  });
  try {
    fn(urls[0], urls[1]);
  } finally {
    const conn = await createConnection({ uri: server });
    for (const name of names) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.end();
  }
}

const buildOk = run("build", "npm", ["run", "-s", "build"]);
if (buildOk) totals.passed += 1;
else {
  totals.failed += 1;
  notes.push("build failed");
}
check("typecheck", "npx", ["tsc", "--noEmit"]);
check("lint", "npx", ["eslint", "."]);
if (!process.env.TEST_POSTGRES_URL && !CI) {
  notes.push("PostgreSQL source tests skipped: set TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres to run them");
}
vitest();

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!buildOk) {
  notes.push("e2e not run: the build failed");
} else if (!fs.existsSync(chromium)) {
  if (CI) {
    totals.failed += 1;
    notes.push(`e2e cannot run: ${chromium} is missing (apt-get install chromium)`);
  } else {
    notes.push(`e2e skipped: ${chromium} is missing (apt-get install chromium)`);
  }
} else {
  fs.rmSync("test-results", { recursive: true, force: true });
  playwright("sqlite", {});
  if (process.env.TEST_MYSQL_URL) {
    await withMysqlDatabases(process.env.TEST_MYSQL_URL, (portal, source) =>
      playwright("mysql", { E2E_DATABASE_URL: portal, E2E_DEMO_SOURCE_URL: source }),
    );
  } else if (CI) {
    totals.failed += 1;
    notes.push("e2e on MySQL cannot run: TEST_MYSQL_URL is not set");
  } else {
    notes.push("e2e on MySQL skipped: set TEST_MYSQL_URL=mysql://user:pass@127.0.0.1:3306/app_test to run it");
  }
}

console.log("");
for (const note of notes) console.log(`note: ${note}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exitCode = totals.failed ? 1 : 0;

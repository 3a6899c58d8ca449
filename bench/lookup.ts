// Cost follows the person, not the business (issue 14 item 3; ADR 024).
// Run: npm run bench -- lookup [largePeople]          (SQLite; MariaDB / PostgreSQL too with TEST_MYSQL_URL / TEST_POSTGRES_URL)
// The same ordinary demo person is collected from a source of 1,000 people and from one of
// `largePeople` (default 1,000,000: the 1,000-person demo copied in the database with every key
// rewritten, each table capped at 1,000,000 rows). Both sources are seeded once and kept: SQLite
// files under DATA_DIR/bench, databases named <test database>_lookup_<people> on the servers.
// Prints per dialect the median collection time of each (5 runs after a warm-up) and the ratio.
// Target: large/small <= 1.5. Nothing is asserted.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import { openDb, type DbHandle } from "../db/client";
import { demoPerson } from "../db/demo-business/demo-people";
import { analyzeDemoBusiness, growDemoBusiness } from "../db/demo-business/grow-demo-business";
import { seedDemoBusiness } from "../db/demo-business/seed-demo-business";
import { collectPersonData } from "../server/collection/collect-person-data";
import { computePeriod } from "../server/collection/compute-period";
import { loadDatamap } from "../server/datamap/load-datamap";
import { parseEnv } from "../server/env";
import { createLogger } from "../server/lib/logger";
import { randomBytes } from "node:crypto";

const SMALL = 1000;
const MAX_ROWS = 1_000_000;
const large = Number(process.argv[2] ?? 1_000_000);
const MAP = path.resolve("server/datamap/demo/parlay.datamap.yaml");
const cacheDir = path.resolve(parseEnv().DATA_DIR, "bench");
fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });

const targets: { name: string; url: (people: number) => Promise<string> }[] = [{ name: "sqlite", url: async (people) => `sqlite:${path.join(cacheDir, `lookup-${people}.sqlite`)}` }];
if (process.env.TEST_MYSQL_URL) targets.push({ name: "mysql", url: (people) => serverDatabase(process.env.TEST_MYSQL_URL!, people) });
if (process.env.TEST_POSTGRES_URL) targets.push({ name: "postgres", url: (people) => serverDatabase(process.env.TEST_POSTGRES_URL!, people) });

console.log(`load average ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}, ${os.cpus().length} cores`);
for (const target of targets) {
  const results: { people: number; ms: number; records: number }[] = [];
  for (const people of [SMALL, large]) {
    let handle: DbHandle<any>;
    try {
      handle = openDb<any>(await target.url(people));
    } catch (error) {
      console.log(`${target.name}: skipped (${(error as Error).message})`);
      break;
    }
    await prepare(handle, people);
    results.push({ people, ...(await measure(handle)) });
    await handle.db.destroy();
  }
  if (results.length < 2) continue;
  const [s, l] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(`${target.name}: small ${s.people.toLocaleString("en-US")} people ${s.ms.toFixed(1)} ms (${s.records} records), large ${l.people.toLocaleString("en-US")} people ${l.ms.toFixed(1)} ms (${l.records} records), ratio ${(l.ms / s.ms).toFixed(2)} (target <= 1.5)`);
}

/** Seeds the 1,000-person demo once, then grows it to `people` once, in one transaction. */
async function prepare(handle: DbHandle<any>, people: number): Promise<void> {
  const started = performance.now();
  const seeded = await seedDemoBusiness(handle.db, { dialect: handle.dialect, people: SMALL });
  const factor = Math.round(people / SMALL);
  const users = await handle.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  if (factor > 1 && Number(users.n) <= (seeded.rows.users ?? 0)) {
    await handle.db.transaction().execute((trx) => growDemoBusiness(trx, handle.dialect, { factor, maxRows: MAX_ROWS }));
    await analyzeDemoBusiness(handle.db, handle.dialect);
  } else if (!seeded.created) return;
  console.log(`  ${handle.dialect}: seeded ${people.toLocaleString("en-US")} people in ${((performance.now() - started) / 1000).toFixed(0)} s (kept for later runs)`);
}

async function measure(handle: DbHandle<any>): Promise<{ ms: number; records: number }> {
  // An empty file store: the ordinary person's stored images are "not found" (ADR 027), no cost to speak of.
  const env = { DEMO_SOURCE_URL: "sqlite::memory:", DEMO_FILES_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-lookup-files-")) };
  const datamap = await loadDatamap({ file: MAP }, env);
  const person = demoPerson("ordinary");
  const spoolPath = path.join(os.tmpdir(), `rtk-bench-lookup-${process.pid}.ndjson`);
  const run = () =>
    collectPersonData({
      datamap,
      identifiers: { email: person.email },
      period: computePeriod({ receivedOn: "2026-11-01", kind: "since_2022" }),
      spoolPath,
      spoolKey: randomBytes(32),
      env,
      logger: createLogger("silent"),
      handles: { parlay_app: { db: handle.db, dialect: handle.dialect } },
    });
  await run();
  const times: number[] = [];
  let records = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    records = (await run()).recordCount;
    times.push(performance.now() - started);
  }
  for (const file of [spoolPath, `${spoolPath}.summary.json`, env.DEMO_FILES_DIR]) fs.rmSync(file, { force: true, recursive: true });
  return { ms: times.sort((a, b) => a - b)[2]!, records };
}

/** A database on the test server kept between runs: <test database>_lookup_<people>. */
async function serverDatabase(baseUrl: string, people: number): Promise<string> {
  const url = new URL(baseUrl);
  const name = `${url.pathname.slice(1) || "app_test"}_lookup_${people}`;
  if (/^mysql:/i.test(baseUrl)) {
    const admin = await createConnection({ uri: `${url.protocol}//${url.username}:${url.password}@${url.host}/` });
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
  } else {
    // PostgreSQL: created through the same URL's server with the portal's own client once it speaks PostgreSQL.
    const admin = openDb<any>(baseUrl);
    await import("kysely").then(({ sql }) => sql.raw(`create database ${name}`).execute(admin.db)).catch(() => {});
    await admin.db.destroy();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import { collectPersonData } from "../../../server/collection/collect-person-data";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import { sourceDialects } from "../../support/dialects";
import { byEmail, captureLogger, createDemoSource, DEMO_MAP, demoMapObject, loadMapObject, type DemoSource } from "./fixtures";
import { TEST_SPOOL_KEY } from "../../support/spool-key";

/** Path and message only: issues also carry their place in the file, which these tests do not pin. */
const plain = (issues: readonly { path: string; message: string }[]) => issues.map(({ path, message }) => ({ path, message }));

const olivia = demoPerson("ordinary");

describe.each(sourceDialects())("data maps against the live source on $name", (dialect) => {
  let demo: DemoSource;
  let env: Record<string, string>;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
    env = demo.env;
  });
  afterAll(async () => {
    await demo?.cleanup();
  });
  const handles = () => ({ parlay_app: { db: demo.t.db, dialect: demo.t.dialect } });

  it("[DATAMAP]: the demo map matches the demo database, table by table and column by column", async () => {
    const result = await checkDatamap(demo.datamap, { env, handles: handles() });
    expect(result.problems).toEqual([]);
    expect(result.notes).toEqual([
      "sources[0] parlay_app (sql): 18 dataset(s) match the live source",
      "sources[1] parlay_files (files): the file store exists and is readable",
      "sources[2] legacy_crm (file): 1 dataset(s) match the live source",
    ]);
  });

  it("[DATAMAP]: a file store whose directory is missing is reported by its place (ADR 027)", async () => {
    const missing = { ...env, DEMO_FILES_DIR: `${demo.dir}/no-such-store` };
    const result = await checkDatamap(demo.datamap, { env: missing, handles: handles() });
    expect(plain(result.problems)).toEqual([{ path: "sources[1].connection", message: `the directory ${demo.dir}/no-such-store does not exist` }]);
  });

  it("[DATAMAP]: a typo'd table is named by its place, and nothing is collected from that source", async () => {
    const map = demoMapObject();
    map.sources[0].datasets[0].table = "userz";
    const loaded = await loadMapObject(map, env);
    const result = await checkDatamap(loaded, { env, handles: handles() });
    expect(result.ok).toBe(false);
    expect(plain(result.problems)).toContainEqual({ path: "sources[0].datasets[0].table", message: 'table "userz" does not exist in the source' });
    expect(plain(result.problems)).toContainEqual({ path: "sources[0].datasets", message: 'table "users" is not declared (declare it as a dataset, or list it in ignoredTables with a reason)' });

    const run = await demo.collect(byEmail(olivia), "since_2022", { datamap: loaded });
    expect(run.summary.sources.find((s) => s.sourceId === "parlay_app")).toMatchObject({ status: "failed", errorCode: "DATAMAP_DRIFT", records: 0 });
    expect(run.summary.complete).toBe(false);
    expect(run.records.filter((r) => r.sourceId === "parlay_app")).toEqual([]);
    expect(run.logText).toContain('table \\"userz\\" does not exist');
  });

  it("[DATAMAP]: a live column the map does not declare is reported and stops collection from that source", async () => {
    await demo.t.db.schema.alterTable("leads").addColumn("linkedin_url", "varchar(200)").execute();
    try {
      const result = await checkDatamap(demo.datamap, { env, handles: handles() });
      expect(plain(result.problems)).toEqual([
        { path: "sources[0].datasets[2].fields", message: 'column "linkedin_url" of table "leads" is not declared (declare it, or mark it internal with a reason)' },
      ]);
      const run = await demo.collect(byEmail(olivia), "since_2022");
      expect(run.summary.sources[0]).toMatchObject({ status: "failed", errorCode: "DATAMAP_DRIFT" });
      expect(run.summary.complete).toBe(false);
    } finally {
      await demo.t.db.schema.alterTable("leads").dropColumn("linkedin_url").execute();
    }
    expect((await checkDatamap(demo.datamap, { env, handles: handles() })).ok).toBe(true);
  });

  it("[DATAMAP]: a misspelt column of a reference table is caught too", async () => {
    const map = demoMapObject();
    map.sources[0].datasets[3].fields.segment_name.from.column = "title";
    const result = await checkDatamap(await loadMapObject(map, env), { env, handles: handles() });
    expect(plain(result.problems)).toEqual([{ path: "sources[0].datasets[3].fields.segment_name.from", message: 'column "title" does not exist in table "segments"' }]);
  });

  it("[DATAMAP]: an unreachable database is reported by code, without the password", async () => {
    // A port nothing listens on; a SQLite path whose parent is a regular file.
    const url = {
      mysql: "mysql://root:hunter2@127.0.0.1:1/nowhere",
      postgres: "postgres://postgres:hunter2@127.0.0.1:1/nowhere",
      sqlite: `sqlite:${DEMO_MAP}/hunter2.sqlite`,
    }[dialect.name];
    const loaded = await loadMapObject(demoMapObject(), { ...demo.env, DEMO_SOURCE_URL: url });
    const result = await checkDatamap(loaded, { env: { ...demo.env, DEMO_SOURCE_URL: url } });
    expect(result.problems[0]!.path).toBe("sources[0].connection");
    // A driver's code (ECONNREFUSED), or the connector's own reason after its code (SOURCE_URL_INVALID: ...).
    expect(result.problems[0]!.message).toMatch(/^cannot open the source \([A-Z_]+(\)$|: )/);
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });

  it("[COLLECTION]: opens the source from the URL in the environment when no handle is given, as a worker does", async () => {
    // The SQLite test database lives in memory and cannot be reopened by URL: cli.test.ts covers a file.
    if (dialect.name === "sqlite") return;
    const withHandle = await demo.collect(byEmail(olivia), "12_months");
    const { logger } = captureLogger();
    const viaUrl = await collectPersonData({ datamap: demo.datamap, identifiers: byEmail(olivia), period: withHandle.summary.period, spoolPath: path.join(demo.dir, "via-url.ndjson"), spoolKey: TEST_SPOOL_KEY, env, logger });
    expect(viaUrl.complete).toBe(true);
    expect(viaUrl.recordCount).toBe(withHandle.summary.recordCount);
  });
});

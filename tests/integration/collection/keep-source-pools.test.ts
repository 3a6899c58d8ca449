import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { DEMO_PEOPLE } from "../../../db/demo-business/demo-people";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { keepSourcePools } from "../../../server/connectors/sql/keep-source-pools";
import { loadDatamap } from "../../../server/datamap/load-datamap";
import { sourceDialects, type TestDatabase } from "../../support/dialects";
import { collectRun, DEMO_MAP } from "./fixtures";

// A worker keeps its PostgreSQL and MySQL source pools from one collection to the next (ADR 064):
// the same data as a fresh connection gives, the pool left open by each collection, ended by
// close(). SQLite sources are opened per collection, so a replaced export file is read anew.
const person = DEMO_PEOPLE[0]!;

async function collectWith(env: Record<string, string>, dir: string, pools: ReturnType<typeof keepSourcePools> | undefined, n: number) {
  const datamap = await loadDatamap({ file: DEMO_MAP }, env);
  const spoolPath = path.join(dir, `run-${n}.ndjson`);
  return collectRun({ datamap, env, spoolPath, identifiers: { email: person.email }, sourcePools: pools });
}

describe.each(sourceDialects().filter((d) => d.name !== "sqlite").map((d) => [d.name, d] as const))("kept source pools on %s", (_name, dialect) => {
  let source: TestDatabase<any>;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    source = await dialect.create<any>();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-pools-"));
    await seedDemoBusiness(source.db, { dialect: source.dialect, people: 20, filesDir: path.join(dir, "files") });
    env = { DEMO_SOURCE_URL: source.url, DEMO_FILES_DIR: path.join(dir, "files") };
  });

  afterAll(async () => {
    await source?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[COLLECTION]: collections share one kept pool, find what a fresh connection finds, and close() ends it", async () => {
    const pools = keepSourcePools();
    // Without kept pools: a pool of its own, opened and ended by the collection.
    const fresh = await collectWith(env, dir, undefined, 0);
    const first = await collectWith(env, dir, pools, 1);
    const kept = pools.handle(source.url)!;
    // The collection closed its connector, not the kept pool: the next one runs on the same pool.
    const second = await collectWith(env, dir, pools, 2);
    expect(pools.handle(source.url)).toBe(kept);
    expect(pools.size()).toBe(1);
    expect(first.summary.complete).toBe(true);
    expect(first.summary.recordCount).toBeGreaterThan(0);
    expect(first.spoolText.length).toBeGreaterThan(0);
    for (const run of [first, second]) {
      expect(run.summary.recordCount).toBe(fresh.summary.recordCount);
      expect(run.records.map((r) => [r.datasetId, r.recordKey])).toEqual(fresh.records.map((r) => [r.datasetId, r.recordKey]));
    }
    await pools.close();
    expect(pools.size()).toBe(0);
    await expect(sql`select 1`.execute(kept.db)).rejects.toThrow();
  });

  it("[COLLECTION]: keeps at most `max` pools no collection holds, and never ends one in use", async () => {
    const pools = keepSourcePools({ max: 1, idleMs: 20 });
    const other = await dialect.create<any>();
    try {
      const a = pools.handle(source.url)!;
      // Held by a collection: neither the limit nor the idle time ends it.
      pools.handle(other.url);
      pools.release(other.url);
      expect(pools.size()).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(pools.size()).toBe(1);
      await expect(sql`select 1`.execute(a.db)).resolves.toBeDefined();
      // Released, it is the least recently used one free: the next URL ends it.
      pools.release(source.url);
      pools.handle(other.url);
      pools.release(other.url);
      expect(pools.size()).toBe(1);
      expect(pools.handle(source.url)).not.toBe(a);
    } finally {
      await pools.close();
      await other.cleanup();
    }
  });
});

describe("kept source pools and a SQLite source", () => {
  it("[COLLECTION]: a SQLite source is opened per collection: an export file replaced since is read anew", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-pools-"));
    try {
      const file = path.join(dir, "source.sqlite");
      const seed = async (target: string, people: number) => {
        const handle = openDb<any>(`sqlite:${target}`);
        await seedDemoBusiness(handle.db, { dialect: "sqlite", people, filesDir: path.join(dir, "files") });
        await handle.db.destroy();
      };
      await seed(file, 20);
      const env = { DEMO_SOURCE_URL: `sqlite:${file}`, DEMO_FILES_DIR: path.join(dir, "files") };
      const pools = keepSourcePools();
      const before = await collectWith(env, dir, pools, 1);
      expect(pools.handle(env.DEMO_SOURCE_URL)).toBeUndefined();
      // The nightly export lands as a new file renamed over the old one: the person is gone from it.
      const next = path.join(dir, "next.sqlite");
      await seed(next, 20);
      const handle = openDb<any>(`sqlite:${next}`);
      await sql`update users set email = ${"someone.else@example.com"} where email = ${person.email}`.execute(handle.db);
      await handle.db.destroy();
      fs.renameSync(next, file);
      const after = await collectWith(env, dir, pools, 2);
      expect(before.summary.recordCount).toBeGreaterThan(0);
      expect(after.summary.recordCount).toBeLessThan(before.summary.recordCount);
      expect(after.records.some((r) => r.datasetId === "users")).toBe(false);
      await pools.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

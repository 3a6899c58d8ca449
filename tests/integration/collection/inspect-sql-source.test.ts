import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import { loadDatamap } from "../../../server/datamap/load-datamap";
import { sourceDialects, type TestDatabase } from "../../support/dialects";
import { collectRun, shopMapObject, testLabel } from "./fixtures";

// Issue 14 item 1: `rtk datamap check` inspects every dialect alike: every declared table and
// column exists, every live table is declared; a view may be a dataset and need not be declared
// (its data is in its tables); on PostgreSQL a table outside `public` is written schema.table.

const label = testLabel;

const mapFor = (datasets: object[]) => shopMapObject(datasets);

const dataset = (id: string, table: string) => ({
  id,
  label: label(id),
  table,
  primaryKey: "id",
  timeField: null,
  lookups: [{ column: "email", identifier: "email" }],
  fields: { id: { internal: true, reason: "Row id" }, email: { label: label("Email"), categories: ["A"] }, total: { label: label("Total"), categories: ["D"], type: "decimal" } },
});

describe.each(sourceDialects())("datamap check on a $name source", (dialect) => {
  let t: TestDatabase<any>;
  let db: Kysely<any>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-inspect-"));
  const pg = dialect.name === "postgres";

  beforeAll(async () => {
    t = await dialect.create<any>();
    db = t.db as Kysely<any>;
    await sql`create table customers (id varchar(40) primary key, email varchar(254) not null, total decimal(10,2))`.execute(db);
    await sql`insert into customers (id, email, total) values ('c1', 'ana@example.com', 10.25), ('c2', 'bob@example.com', 3.00)`.execute(db);
    await sql`create view big_customers as select id, email, total from customers where total > 5`.execute(db);
    if (pg) {
      await sql`create schema sales`.execute(db);
      await sql`create table sales.orders (id varchar(40) primary key, email varchar(254) not null, total numeric(10,2))`.execute(db);
      await sql`insert into sales.orders values ('o1', 'ana@example.com', 99.90)`.execute(db);
    }
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const check = async (map: object) => {
    const env = { SHOP_URL: t.url };
    const loaded = await loadDatamap({ text: JSON.stringify(map), baseDir: dir }, env);
    return { loaded, env, result: await checkDatamap(loaded, { env, handles: { shop: { db, dialect: t.dialect } } }) };
  };

  it("[DATAMAP]: an undeclared view is no drift; a declared view is a dataset like a table", async () => {
    const tables = [dataset("customers", "customers"), ...(pg ? [dataset("orders", "sales.orders")] : [])];
    expect((await check(mapFor(tables))).result.problems).toEqual([]);
    const { loaded, env, result } = await check(mapFor([dataset("big_customers", "big_customers"), ...tables]));
    expect(result.problems).toEqual([]);
    const spoolPath = path.join(dir, "run.ndjson");
    const run = await collectRun({ datamap: loaded, env, spoolPath, identifiers: { email: "ana@example.com" }, handles: { shop: { db, dialect: t.dialect } } });
    const totals = run.records.map((r) => [r.datasetId, r.fields.find((f) => f.fieldId.endsWith(".total"))?.value]);
    expect(totals).toEqual([["big_customers", 10.25], ["customers", 10.25], ...(pg ? [["orders", 99.9]] : [])]);
  });

  it("[DATAMAP]: a missing table or column and an undeclared table are each reported at their place", async () => {
    const broken = dataset("customers", "customers") as any;
    broken.fields.nickname = { label: label("Nickname"), categories: ["A"] };
    const missing = dataset("ghosts", pg ? "sales.ghosts" : "ghosts");
    const { result } = await check(mapFor([broken, missing]));
    const lines = result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`column "nickname" does not exist in table "customers"`),
        expect.stringContaining(`table "${pg ? "sales.ghosts" : "ghosts"}" does not exist in the source`),
        ...(pg ? [expect.stringContaining(`table "sales.orders" is not declared`)] : []),
      ]),
    );
    expect(lines.some((l) => l.includes("big_customers"))).toBe(false);
  });
});

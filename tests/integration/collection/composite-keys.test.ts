import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import { loadDatamap } from "../../../server/datamap/load-datamap";
import { sourceDialects, type TestDatabase } from "../../support/dialects";
import { collectRun, shopMapObject, testLabel } from "./fixtures";

// Issue 14, a foreign schema: an order line is identified by its order and its line number
// together (a composite primary key). With one column as primaryKey, line 1 of every order had the
// same record key: a reviewer withholding "this record" withheld line 1 of every order, stored
// files of two lines shared one path in the bundle, and de-duplication by key (very many lookup
// values) dropped lines. `primaryKey: [order_id, line_no]` keys a record by both.

const label = testLabel;

function mapFor(itemsKey: string | string[]) {
  return shopMapObject([
    {
      id: "orders",
      label: label("Orders"),
      table: "orders",
      primaryKey: "id",
      timeField: null,
      lookups: [{ column: "email", identifier: "email" }],
      yields: [{ column: "id", identifier: "customer_number" }],
      fields: { id: { label: label("Order"), categories: ["D"] }, email: { label: label("Email"), categories: ["A"] } },
    },
    {
      id: "order_items",
      label: label("Lines"),
      table: "order_items",
      primaryKey: itemsKey,
      timeField: null,
      lookups: [{ column: "order_id", identifier: "customer_number" }],
      fields: {
        order_id: { label: label("Order"), categories: ["D"] },
        line_no: { internal: true, reason: "Line number" },
        sku: { label: label("Product"), categories: ["D"] },
      },
    },
  ]);
}

describe.each(sourceDialects())("a composite primary key on a $name source", (dialect) => {
  let t: TestDatabase<any>;
  let db: Kysely<any>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-ckey-"));

  beforeAll(async () => {
    t = await dialect.create<any>();
    db = t.db as Kysely<any>;
    await sql`create table orders (id varchar(40) primary key, email varchar(254) not null)`.execute(db);
    await sql`create table order_items (order_id varchar(40) not null, line_no integer not null, sku varchar(40) not null, primary key (order_id, line_no))`.execute(db);
    await sql`insert into orders (id, email) values ('o1', 'ana@example.com'), ('o2', 'ana@example.com'), ('o3', 'bob@example.com')`.execute(db);
    await sql`insert into order_items (order_id, line_no, sku) values ('o1', 1, 'A'), ('o1', 2, 'B'), ('o2', 1, 'C'), ('o3', 1, 'BOB')`.execute(db);
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[DISCLOSURE]: primaryKey [order_id, line_no] gives every line its own record key", async () => {
    const env = { SHOP_URL: t.url };
    const datamap = await loadDatamap({ text: JSON.stringify(mapFor(["order_id", "line_no"])), baseDir: dir }, env);
    const handles = { shop: { db, dialect: t.dialect } };
    expect((await checkDatamap(datamap, { env, handles })).problems).toEqual([]);
    const spoolPath = path.join(dir, `${dialect.name}.ndjson`);
    const lines = (await collectRun({ datamap, env, spoolPath, identifiers: { email: "ana@example.com" }, handles })).records.filter((r) => r.datasetId === "order_items");
    expect(lines.map((r) => [r.recordKey, r.fields.find((f) => f.fieldId === "order_items.sku")!.value]).sort()).toEqual([
      ['["o1",1]', "A"],
      ['["o1",2]', "B"],
      ['["o2",1]', "C"],
    ]);
  });

  it("the key's columns must be declared fields, and there must be more than one", async () => {
    const env = { SHOP_URL: t.url };
    await expect(loadDatamap({ text: JSON.stringify(mapFor(["order_id", "line"])), baseDir: dir }, env)).rejects.toThrow(/primary key "line" is not a declared field/);
    await expect(loadDatamap({ text: JSON.stringify(mapFor(["order_id"])), baseDir: dir }, env)).rejects.toThrow(/primaryKey/);
  });
});

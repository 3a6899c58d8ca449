import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PeriodKind } from "../../../server/collection/compute-period";
import { sourceDialects, type TestDatabase } from "../../support/dialects";
import { collectRun, demoMapObject, loadMapObject } from "./fixtures";

/**
 * Child rows dated by their parent (issue 14 item 2; ADR 025): an invoice line has no date of its
 * own; it belongs to its invoice's date. Lines of a 2021 invoice are outside every period a
 * request can cover (1798.130(a)(2)(B); 11 CCR 7024(h); R46), and must not be disclosed next to a
 * header that says nothing before the period was included.
 */
const label = (en: string) => ({ en, es: `${en} (es)` });
const field = (en: string, category = "D") => ({ label: label(en), categories: [category] });

function musicMap(linesDated: boolean, customersHeld = false) {
  const demo = demoMapObject();
  return {
    version: 1,
    business: demo.business,
    identity: { source: "music", dataset: "customers", fields: { email: "email" } },
    catalog: {
      identifiers: [
        { code: "customer_id", scope: "person", label: label("Customer ID") },
        { code: "invoice_id", scope: "record", label: label("Invoice number") },
      ],
    },
    sources: [
      {
        id: "music",
        kind: "sql",
        label: label("Music store"),
        connection: { urlEnv: "MUSIC_SOURCE_URL" },
        sourceCategories: ["consumer"],
        purposes: ["performing_services"],
        recipients: { businessPurpose: ["cloud_hosting"] },
        datasets: [
          {
            id: "customers", label: label("Customer"), table: "customers", primaryKey: "id",
            // A profile without an end column is current for as long as it is held (stillHeld).
            ...(customersHeld ? { timeField: "created_at", stillHeld: true } : { timeField: null }),
            lookups: [{ column: "email", identifier: "email", match: "case_insensitive" }],
            yields: [{ column: "id", identifier: "customer_id" }],
            fields: { id: field("Customer ID", "A"), email: field("E-mail", "A"), created_at: field("Account opened") },
          },
          {
            id: "invoices", label: label("Invoices"), table: "invoices", primaryKey: "id", timeField: "issued_at",
            lookups: [{ column: "customer_id", identifier: "customer_id" }],
            yields: [{ column: "id", identifier: "invoice_id" }],
            fields: { id: field("Invoice"), customer_id: { internal: true, reason: "Link to the customer." }, total: field("Total"), issued_at: field("Date") },
          },
          {
            id: "invoice_lines", label: label("Invoice lines"), table: "invoice_lines", primaryKey: "id",
            timeField: linesDated ? "invoice_date" : null,
            lookups: [{ column: "invoice_id", identifier: "invoice_id" }],
            fields: {
              id: { internal: true, reason: "Row number." },
              invoice_id: field("Invoice"),
              track: field("Track bought"),
              invoice_date: { ...field("Invoice date"), from: { via: "invoice_id", table: "invoices", key: "id", column: "issued_at" } },
            },
          },
        ],
      },
    ],
  };
}

describe.each(sourceDialects())("child rows dated by their parent on $name (ADR 025)", (dialect) => {
  let t: TestDatabase<any>;
  let dir: string;
  const env = () => ({ MUSIC_SOURCE_URL: t.url });

  beforeAll(async () => {
    t = await dialect.create<any>();
    const s = t.db.schema;
    await s.createTable("customers").addColumn("id", "varchar(40)", (c) => c.primaryKey()).addColumn("email", "varchar(254)", (c) => c.notNull()).addColumn("created_at", "varchar(23)").execute();
    await s.createTable("invoices").addColumn("id", "varchar(40)", (c) => c.primaryKey()).addColumn("customer_id", "varchar(40)", (c) => c.notNull())
      .addColumn("total", "integer").addColumn("issued_at", "varchar(23)").execute();
    await s.createTable("invoice_lines").addColumn("id", "varchar(40)", (c) => c.primaryKey()).addColumn("invoice_id", "varchar(40)", (c) => c.notNull())
      .addColumn("track", "varchar(200)").execute();
    await t.db.insertInto("customers").values([{ id: "c1", email: "Ana.Lima@music.example", created_at: "2020-02-02 08:00:00.000" }, { id: "c2", email: "ben@music.example", created_at: "2026-12-01 08:00:00.000" }]).execute();
    await t.db.insertInto("invoices").values([
      { id: "inv-2021", customer_id: "c1", total: 198, issued_at: "2021-05-10 12:00:00.000" },
      { id: "inv-2023", customer_id: "c1", total: 99, issued_at: "2023-03-01 09:30:00.000" },
      { id: "inv-2026", customer_id: "c1", total: 297, issued_at: "2026-06-01 18:45:00.000" },
      { id: "inv-ben", customer_id: "c2", total: 99, issued_at: "2026-06-02 10:00:00.000" },
    ]).execute();
    await t.db.insertInto("invoice_lines").values([
      { id: "l1", invoice_id: "inv-2021", track: "Old Song A" }, { id: "l2", invoice_id: "inv-2021", track: "Old Song B" },
      { id: "l3", invoice_id: "inv-2023", track: "Middle Song" },
      { id: "l4", invoice_id: "inv-2026", track: "New Song A" }, { id: "l5", invoice_id: "inv-2026", track: "New Song B" }, { id: "l6", invoice_id: "inv-2026", track: "New Song C" },
      { id: "l7", invoice_id: "inv-ben", track: "Ben's Song" },
    ]).execute();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-child-"));
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function collect(kind: PeriodKind, linesDated = true, customersHeld = false, email = "ana.lima@music.example") {
    const datamap = await loadMapObject(musicMap(linesDated, customersHeld), env());
    const spoolPath = path.join(dir, `${kind}-${linesDated}-${customersHeld}-${email}.ndjson`);
    const run = await collectRun({ datamap, env: env(), spoolPath, identifiers: { email }, kind, handles: { music: { db: t.db, dialect: t.dialect } } });
    const lines = run.records.filter((r) => r.datasetId === "invoice_lines");
    return { run, tracks: lines.map((r) => r.fields.find((f) => f.fieldId === "invoice_lines.track")?.value).sort(), lines };
  }

  it("[PERIOD]: a 12-month answer holds the lines of the in-period invoice only, each dated by its invoice", async () => {
    const { run, tracks, lines } = await collect("12_months");
    expect(run.summary.complete).toBe(true);
    expect(tracks).toEqual(["New Song A", "New Song B", "New Song C"]);
    expect(lines.map((l) => l.recordedAt)).toEqual(Array(3).fill("2026-06-01T18:45:00.000Z"));
    expect(run.records.filter((r) => r.datasetId === "invoices").map((r) => r.recordKey)).toEqual(["inv-2026"]);
  });

  it("[PERIOD]: a since-2022 answer adds the 2023 invoice's line, never the 2021 invoice's", async () => {
    const { tracks, run } = await collect("since_2022");
    expect(tracks).toEqual(["Middle Song", "New Song A", "New Song B", "New Song C"]);
    expect(run.spoolText).not.toContain("Old Song");
    // Another customer's lines never appear (1798.145(k)).
    expect(run.spoolText).not.toContain("Ben's Song");
  });

  it("[PERIOD]: the identity graph does not pass along the 2021 invoice's number, so even undated lines of it stay out", async () => {
    const { tracks, run } = await collect("since_2022", false);
    expect(tracks).toEqual(["Middle Song", "New Song A", "New Song B", "New Song C"]);
    // The customer record (the source keeps no time for it) and the four lines.
    expect(run.summary.undatedRecords).toBe(5);
    expect(run.spoolText).not.toContain("Old Song");
  });

  it("[PERIOD]: an account opened years ago and still held is disclosed as information kept from earlier, not as undated", async () => {
    const { run, tracks } = await collect("12_months", true, true);
    expect(run.records.filter((r) => r.datasetId === "customers").map((r) => r.recordKey)).toEqual(["c1"]);
    expect(run.summary.earlierRecords).toBe(1);
    expect(run.summary.undatedRecords).toBe(0);
    // Its invoices still follow their own dates.
    expect(tracks).toEqual(["New Song A", "New Song B", "New Song C"]);
  });

  it("[PERIOD]: an account opened after the period ended is outside it", async () => {
    // Ben's account record was created 2026-12-01, after the request was received (2026-11-01);
    // his invoice of 2026-06-02 is inside the period and still found through his customer id.
    const { run, tracks } = await collect("12_months", true, true, "ben@music.example");
    expect(run.records.filter((r) => r.datasetId === "customers")).toEqual([]);
    expect(run.summary.earlierRecords ?? 0).toBe(0);
    expect(tracks).toEqual(["Ben's Song"]);
  });
});

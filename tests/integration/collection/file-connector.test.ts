import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import { loadDatamap } from "../../../server/datamap/load-datamap";
import { collectRun, recordsOf, valueOf, type CollectionRun } from "./fixtures";

const label = (en: string) => ({ en, es: `${en} (es)` });
const LICENCE = "D1234567";
const CSV =
  "\uFEFFcustomer_id,email,full_name,notes,licence\r\n" +
  'K-1,Ana@Example.test,"Ruiz, Ana","Called twice;\nasked for a refund",' + LICENCE + "\r\n" +
  "K-2,bob@example.test,Bob Stone,,\r\n" +
  "K-3,ana@example.test,Ana Ruiz,second account,\r\n";
const NDJSON = [
  { order: "o-1", buyer: { email: "ana@example.test", card: { last4: "4242", pan: "4111111111111111" } }, total: 1250, placed_at: 1777636800000 },
  { order: "o-2", buyer: { email: "ana@example.test", card: { last4: "0005", pan: null } }, total: 90, placed_at: 1640995200000 },
  { order: "o-3", buyer: { email: "bob@example.test", card: { last4: "1111", pan: "5555555555554444" } }, total: 10, placed_at: 1777636800000 },
]
  .map((o) => JSON.stringify(o))
  .join("\n");

function fileMap(csvFields: Record<string, unknown> = {}): unknown {
  const text = (en: string, categories: string[]) => ({ label: label(en), categories });
  return {
    version: 1,
    business: { name: "Test", legalName: "Test Inc.", contactEmail: "privacy@test.example", privacyPolicyUrl: "https://test.example/privacy", requestMethods: [{ kind: "email", value: "privacy@test.example" }] },
    identity: { source: "exports", dataset: "customers", fields: { email: "email" } },
    sources: [
      {
        id: "exports", kind: "file", label: label("Shop exports"), connection: { dirEnv: "EXPORTS_DIR" },
        sourceCategories: ["consumer"], purposes: ["performing_services"], recipients: { businessPurpose: ["cloud_hosting"] },
        datasets: [
          {
            id: "customers", label: label("Customers"), file: { path: "customers.csv", format: "csv" }, primaryKey: "customer_id", timeField: null,
            lookups: [{ column: "email", identifier: "email", match: "case_insensitive" }],
            fields: {
              customer_id: text("Customer", ["A"]), email: text("E-mail", ["A"]), full_name: text("Name", ["A", "B"]), notes: text("Notes", ["D"]),
              licence: { ...text("Driver's license", ["A", "B", "L"]), neverDisclose: "drivers_license" },
              ...csvFields,
            },
          },
          {
            id: "orders", label: label("Orders"), file: { path: "orders/orders.ndjson", format: "ndjson" }, primaryKey: "order", timeField: "placed_at", timeFormat: "epoch_ms",
            lookups: [{ column: "email", identifier: "email" }],
            fields: {
              order: text("Order", ["D"]), email: { ...text("E-mail", ["A"]), pointer: "/buyer/email" },
              card_last4: { ...text("Card ending", ["B"]), pointer: "/buyer/card/last4" },
              card_number: { ...text("Card number", ["B", "L"]), pointer: "/buyer/card/pan", neverDisclose: "card_number" },
              total: text("Total", ["D"]), placed_at: text("Placed", ["D"]),
            },
          },
        ],
      },
    ],
  };
}

describe("file connector with real CSV and NDJSON exports", () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-files-"));
    fs.mkdirSync(path.join(dir, "exports", "orders"), { recursive: true });
    fs.writeFileSync(path.join(dir, "exports", "customers.csv"), CSV);
    fs.writeFileSync(path.join(dir, "exports", "orders", "orders.ndjson"), `${NDJSON}\n`);
    env = { EXPORTS_DIR: path.join(dir, "exports") };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function collect(map: unknown, name: string, runEnv = env): Promise<CollectionRun> {
    const spoolPath = path.join(dir, `${name}.ndjson`);
    const datamap = await loadDatamap({ text: JSON.stringify(map), baseDir: dir }, runEnv);
    return collectRun({ datamap, env: runEnv, spoolPath, identifiers: { email: "ANA@example.test" }, kind: "12_months" });
  }

  it("[CONNECTOR]: finds the person's rows in a CSV (quoted fields, BOM, any case) and an NDJSON export (JSON pointers, epoch times)", async () => {
    const run = await collect(fileMap(), "ok");
    expect(run.summary.complete).toBe(true);
    expect(recordsOf(run, "customers").map((r) => r.recordKey)).toEqual(["K-1", "K-3"]);
    expect(valueOf(recordsOf(run, "customers")[0]!, "customers.full_name")).toBe("Ruiz, Ana");
    expect(valueOf(recordsOf(run, "customers")[0]!, "customers.notes")).toBe("Called twice;\nasked for a refund");
    // o-2 was placed on 2022-01-01, outside the 12 months; o-3 is someone else's.
    expect(recordsOf(run, "orders").map((r) => r.recordKey)).toEqual(["o-1"]);
    expect(recordsOf(run, "orders")[0]!.recordedAt).toBe("2026-05-01T12:00:00.000Z");
    expect(valueOf(recordsOf(run, "orders")[0]!, "orders.card_last4")).toBe("4242");
    expect(run.summary.undatedRecords).toBe(2);
    expect(run.summary.withheld.map((w) => [w.type, w.count])).toEqual([["drivers_license", 1], ["card_number", 1]]);
  });

  it("[SECURITY]: never-disclose values are dropped while parsing: not in the spool, the summary or the logs", async () => {
    const run = await collect(fileMap(), "secrets");
    for (const value of [LICENCE, "4111111111111111", "5555555555554444"]) {
      for (const text of [run.spoolText, run.summaryText, run.logText]) expect(text).not.toContain(value);
    }
    expect(recordsOf(run, "customers")[0]!.fields.find((f) => f.fieldId === "customers.licence")).toMatchObject({ value: null, withheld: { type: "drivers_license" } });
  });

  it("[DATAMAP]: an export with a column the map does not declare fails the source; a missing file too", async () => {
    const spare = fileMap() as any;
    delete spare.sources[0].datasets[0].fields.notes;
    const drift = await collect(spare, "drift");
    expect(drift.summary.sources[0]).toMatchObject({ status: "failed", errorCode: "DATAMAP_DRIFT" });
    expect(drift.summary.complete).toBe(false);
    const missing = await collect(fileMap(), "missing", { EXPORTS_DIR: path.join(dir, "nowhere") });
    expect(missing.summary.sources[0]).toMatchObject({ status: "failed", errorCode: "ENOENT" });
  });

  it("[DATAMAP]: `datamap check` compares each CSV header with the declared fields", async () => {
    const map = fileMap({ phone: { label: label("Phone"), categories: ["A"] } }) as any;
    delete map.sources[0].datasets[0].fields.notes;
    const loaded = await loadDatamap({ text: JSON.stringify(map), baseDir: dir }, env);
    const result = await checkDatamap(loaded, { env });
    expect(result.problems.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: "sources[0].datasets[0].fields", message: 'column "notes" of customers.csv is not declared' },
      { path: "sources[0].datasets[0].fields.phone", message: 'column "phone" is not in customers.csv' },
    ]);
    expect((await checkDatamap(await loadDatamap({ text: JSON.stringify(fileMap()), baseDir: dir }, env), { env })).ok).toBe(true);
  });
});

import fs from "node:fs";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import { loadDatamap } from "../../../server/datamap/load-datamap";
import { renderDisclosure } from "../../../server/reports/render-disclosure";
import { sourceDialects, type TestDatabase, type TestDialect } from "../../support/dialects";
import { inputFor, tempDir } from "../reports/fixtures";
import { collectRun, demoMapObject } from "./fixtures";
import { TEST_SPOOL_KEY } from "../../support/spool-key";

// Issue 14 item 5, ADR 023: the same map over the same data gives the same JSON disclosure on
// SQLite, MariaDB and PostgreSQL. One fixture holds every kind of value that the three engines
// hand over differently: a decimal with cents, a decimal too long for a double, an instant, a
// date, a boolean, a JSON document and text beyond ASCII (1798.130(a)(3)(B)(iii): portable copy, R33).

/** The same table in each engine's own types: what a business running that engine would have. */
const DDL: Record<string, string> = {
  // SQLite has no decimal, time or boolean types: money beyond a double's 15 digits can only be held as text.
  sqlite: `create table ledger (id varchar(40) primary key, email varchar(254) not null, amount decimal(12,2),
    big text, at datetime, day date, active boolean, details json, note text)`,
  mysql: `create table ledger (id varchar(40) primary key, email varchar(254) not null, amount decimal(12,2),
    big decimal(30,2), at datetime(3), day date, active boolean, details json, note text) default charset=utf8mb4`,
  postgres: `create table ledger (id varchar(40) primary key, email varchar(254) not null, amount numeric(12,2),
    big numeric(30,2), at timestamptz, day date, active boolean, details jsonb, note text)`,
};

const NOTE = 'Łukasz Núñez: 東京 ✓ "quoted", café\ttab';
const ROWS = [
  { id: "r1", email: "ana@example.com", amount: "1234.50", big: "12345678901234567.89", at: "2026-08-14 07:31:56.357", day: "2026-02-28", active: true, details: '{"seats": 3, "plan": "pro", "tags": ["a", "ñ"]}', note: NOTE },
  { id: "r2", email: "ana@example.com", amount: "0.10", big: "-0.01", at: "2026-01-02 00:00:00.000", day: "2026-01-02", active: false, details: null, note: null },
  { id: "r3", email: "bob@example.com", amount: "99.99", big: "1.00", at: "2026-03-01 12:00:00.000", day: "2026-03-01", active: true, details: "{}", note: "Bob" },
];

const label = (en: string) => ({ en, es: `${en} (es)` });

function shopMap() {
  const field = (en: string, extra: object = {}) => ({ label: label(en), categories: ["D"], ...extra });
  return {
    version: 1,
    business: demoMapObject().business,
    identity: { source: "shop", dataset: "ledger", fields: { email: "email" } },
    sources: [
      {
        id: "shop",
        kind: "sql",
        label: label("Shop ledger"),
        connection: { urlEnv: "SHOP_URL" },
        sourceCategories: ["consumer"],
        purposes: ["performing_services"],
        recipients: { businessPurpose: ["cloud_hosting"], sold: [], shared: [] },
        datasets: [
          {
            id: "ledger",
            label: label("Ledger"),
            table: "ledger",
            primaryKey: "id",
            timeField: "at",
            lookups: [{ column: "email", identifier: "email" }],
            fields: {
              id: { internal: true, reason: "Row id" },
              email: { label: label("Email"), categories: ["A"] },
              // No type: MariaDB and PostgreSQL say DECIMAL themselves; SQLite holds a number.
              amount: field("Amount"),
              big: field("Large amount", { type: "decimal" }),
              at: field("Booked at", { type: "instant" }),
              day: field("Value date", { type: "date" }),
              active: field("Active", { type: "boolean" }),
              details: field("Details", { type: "json" }),
              note: field("Note"),
            },
          },
        ],
      },
    ],
  };
}

async function seed(t: TestDatabase<any>): Promise<void> {
  const db = t.db as Kysely<any>;
  await sql.raw(DDL[t.dialect]!).execute(db);
  // Booleans go in as each engine stores them: true/false on PostgreSQL, 1/0 elsewhere.
  await db.insertInto("ledger").values(ROWS.map((r) => ({ ...r, active: t.dialect === "postgres" ? r.active : Number(r.active) }))).execute();
}

/** Collects Ana's data from the dialect's ledger and renders the JSON disclosure; returns its bytes. */
async function renderOn(dialect: TestDialect, dir: string): Promise<{ json: Buffer; check: unknown[] }> {
  const t = await dialect.create<any>();
  try {
    await seed(t);
    const env = { SHOP_URL: t.url };
    const datamap = await loadDatamap({ text: JSON.stringify(shopMap()), baseDir: dir }, env);
    const handles = { shop: { db: t.db as Kysely<any>, dialect: t.dialect } };
    const check = await checkDatamap(datamap, { env, handles });
    const spoolPath = path.join(dir, `${dialect.name}.ndjson`);
    const { summary } = await collectRun({ datamap, env, spoolPath, identifiers: { email: "ana@example.com" }, handles });
    const json = path.join(dir, `${dialect.name}.json`);
    await renderDisclosure({ input: inputFor(summary), spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.example/", json, pdf: path.join(dir, `${dialect.name}.pdf`) });
    return { json: fs.readFileSync(json), check: check.problems };
  } finally {
    await t.cleanup();
  }
}

describe("values as held, the same on every dialect (ADR 023)", () => {
  const dir = tempDir("rtk-values-");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`[DISCLOSURE]: one fixture renders to the same JSON bytes on ${sourceDialects().map((d) => d.name).join(", ")}`, async () => {
    const rendered = new Map<string, Buffer>();
    for (const dialect of sourceDialects()) {
      const { json, check } = await renderOn(dialect, dir);
      expect(check, `datamap check on ${dialect.name}`).toEqual([]);
      rendered.set(dialect.name, json);
    }
    const sqlite = rendered.get("sqlite")!;
    const text = sqlite.toString("utf8");
    const records = text.split("\n").filter((line) => line.includes('"record":')).map((line) => JSON.parse(line.trim().replace(/,$/, "")));
    const pieces = records.map((r: { recordedAt: string; pieces: { label: string; value: unknown }[] }) => ({
      recordedAt: r.recordedAt,
      ...Object.fromEntries(r.pieces.map((p) => [p.label, p.value])),
    }));
    // The e-mail address is listed under A (identifiers), every other piece under D (commercial).
    expect(pieces.filter((p) => "Email" in p)).toEqual([
      { recordedAt: "2026-08-14T07:31:56.357Z", Email: "ana@example.com" },
      { recordedAt: "2026-01-02T00:00:00.000Z", Email: "ana@example.com" },
    ]);
    // Money keeps its cents; a decimal beyond 15 digits is exact text; instants ISO 8601 in UTC.
    expect(pieces.filter((p) => !("Email" in p))).toEqual([
      {
        recordedAt: "2026-08-14T07:31:56.357Z",
        Amount: 1234.5,
        "Large amount": "12345678901234567.89",
        "Booked at": "2026-08-14T07:31:56.357Z",
        "Value date": "2026-02-28",
        Active: true,
        Details: '{"plan":"pro","seats":3,"tags":["a","ñ"]}',
        Note: NOTE,
      },
      { recordedAt: "2026-01-02T00:00:00.000Z", Amount: 0.1, "Large amount": -0.01, "Booked at": "2026-01-02T00:00:00.000Z", "Value date": "2026-01-02", Active: false },
    ]);
    expect(text).not.toContain("bob@example.com");
    for (const [name, json] of rendered) {
      // Nothing differs: the request's ids and times come from the same input, and the values are the same.
      expect(json.toString("utf8"), `${name} against sqlite`).toBe(text);
    }
  });
});

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceDialects, type TestDatabase } from "../../support/dialects";

/**
 * docs/data-map.md's worked example, exactly as written, on PostgreSQL (issue 14, done-when: `rtk
 * datamap check` and `rtk report` on a PostgreSQL source for a person with a non-ASCII e-mail;
 * lines of an out-of-period invoice are not disclosed; another customer's rows never appear). The
 * map is the YAML of the example's sections joined, so the docs cannot drift from what works.
 */
const postgres = sourceDialects().find((d) => d.name === "postgres");

function workedExampleMap(): string {
  const docs = fs.readFileSync("docs/data-map.md", "utf8");
  const section = docs.slice(docs.indexOf("## Worked example"), docs.indexOf("## Cross-checks"));
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).join("");
}

describe.skipIf(!postgres)("the data-map docs' worked example on PostgreSQL", () => {
  let t: TestDatabase<any>;
  let dir: string;
  let mapFile: string;
  beforeAll(async () => {
    t = await postgres!.create<any>();
    for (const statement of [
      "create table customers (id serial primary key, email text not null, first_name text, last_name text, phone text, created_at timestamptz not null)",
      "create table invoices (id serial primary key, customer_id int not null references customers (id), total bigint not null, issued_at timestamptz not null)",
      "create table invoice_lines (id serial primary key, invoice_id int not null references invoices (id), track text not null, unit_price bigint not null)",
      "insert into customers (email, first_name, last_name, phone, created_at) values ('Stanisław.Wójcik@wp.pl', 'Stanisław', 'Wójcik', '+48 601 234 567', '2020-05-01T10:00:00Z'), ('olga@example.com', 'Olga', 'Other', '555-0100', '2023-01-01T00:00:00Z')",
      "insert into invoices (customer_id, total, issued_at) values (1, 1998, '2021-06-01T12:00:00Z'), (1, 999, '2023-03-04T12:00:00Z'), (1, 2997, '2026-08-01T12:00:00Z'), (2, 500, '2026-09-01T00:00:00Z')",
      "insert into invoice_lines (invoice_id, track, unit_price) values (1, 'Old Song A', 999), (1, 'Old Song B', 999), (2, 'Mid Song', 999), (3, 'New Song 1', 999), (3, 'New Song 2', 1099), (4, 'Olga Song', 500)",
    ]) await sql.raw(statement).execute(t.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-docs-example-"));
    mapFile = path.join(dir, "store.datamap.yaml");
    fs.writeFileSync(mapFile, workedExampleMap());
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const rtk = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, NODE_ENV: "test", DATA_DIR: dir, STORE_DB_URL: t.url, LOG_LEVEL: "warn" },
    });

  it("[OPS]: `rtk datamap check` accepts the map, names each missing index with its statement, and is quiet once they exist", async () => {
    const first = rtk("datamap", "check", mapFile);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("valid, and every source matches it.");
    const statements = [...first.stderr.matchAll(/(CREATE INDEX [^;]+;)/g)].map((m) => m[1]!);
    expect(statements).toEqual([
      "CREATE INDEX public_customers_email_lower_idx ON public.customers (lower(email));",
      "CREATE INDEX public_invoices_customer_id_idx ON public.invoices (customer_id);",
      "CREATE INDEX public_invoice_lines_invoice_id_idx ON public.invoice_lines (invoice_id);",
    ]);
    for (const statement of statements) await sql.raw(statement).execute(t.db);
    const second = rtk("datamap", "check", mapFile);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe("");
  });

  it("[CONSUMER]: `rtk report` for a non-ASCII address gives the account kept from earlier and the in-period invoices' lines only, never another customer's", () => {
    const json = path.join(dir, "sw.json");
    const result = rtk("report", "--map", mapFile, "--email", "STANISŁAW.wójcik@WP.PL", "--received", "2026-11-01", "--since", "2022-01-01", "--json", json, "--pdf", path.join(dir, "sw.pdf"));
    expect(result.status, result.stderr).toBe(0);
    // The command prints counts and files, never the person's data.
    expect(result.stdout + result.stderr).not.toMatch(/wójcik|Stanisław/i);
    const disclosure = JSON.parse(fs.readFileSync(json, "utf8")) as { messages: { code: string }[]; specificPieces: { categories: { datasets: { dataset: string; records: { pieces: { label: string; value: unknown }[] }[] }[] }[] } };
    const datasets = new Map<string, unknown[][]>();
    for (const category of disclosure.specificPieces.categories) {
      // A dataset appears under each of its categories, with that category's pieces: keep the first (A comes first).
      for (const d of category.datasets) if (!datasets.has(d.dataset)) datasets.set(d.dataset, d.records.map((r) => r.pieces.map((p) => p.value)));
    }
    expect(datasets.get("Customer account")?.[0]).toContain("Stanisław.Wójcik@wp.pl");
    expect(disclosure.messages.map((m) => m.code)).toContain("earlier_records");
    const tracks = (datasets.get("What you bought") ?? []).map((pieces) => pieces[1]);
    expect(tracks.sort()).toEqual(["Mid Song", "New Song 1", "New Song 2"]);
    const text = fs.readFileSync(json, "utf8");
    expect(text).not.toContain("Old Song");
    expect(text).not.toContain("Olga");
  });
});

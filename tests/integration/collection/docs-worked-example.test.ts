import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceDialects, type TestDatabase } from "../../support/dialects";
import { durableDialects } from "../../support/test-context";

/**
 * docs/data-map.md's worked example, exactly as written, on PostgreSQL (issue 14, done-when: `rtk
 * datamap check` and `rtk report` on a PostgreSQL source for a person with a non-ASCII e-mail;
 * lines of an out-of-period invoice are not disclosed; another customer's rows never appear), and
 * on SQLite and MariaDB with its `public.` schema left out, as the docs say any dialect works the
 * same way. The map is the YAML of the example's sections joined, so the docs cannot drift from
 * what works. SQLite is a file: the commands run in another process.
 */
function workedExampleMap(dialect: string): string {
  const docs = fs.readFileSync("docs/data-map.md", "utf8");
  const section = docs.slice(docs.indexOf("## Worked example"), docs.indexOf("## Cross-checks"));
  const yaml = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).join("");
  return dialect === "postgres" ? yaml : yaml.replaceAll("public.", "");
}

describe.each(durableDialects(sourceDialects()))("the data-map docs' worked example on $name", (dialect) => {
  let t: TestDatabase<any>;
  let dir: string;
  let mapFile: string;
  beforeAll(async () => {
    t = await dialect.create<any>();
    // The example's schema in each dialect's own types; instants written as the dialect reads them.
    const instant = dialect.name === "postgres" ? "timestamptz" : dialect.name === "mysql" ? "datetime(3)" : "varchar(23)";
    const at = (iso: string) => (dialect.name === "postgres" ? iso : iso.replace("T", " ").replace("Z", ""));
    for (const statement of [
      `create table customers (id integer primary key, email varchar(254) not null, first_name varchar(100), last_name varchar(100), phone varchar(40), created_at ${instant} not null)`,
      `create table invoices (id integer primary key, customer_id integer not null references customers (id), total bigint not null, issued_at ${instant} not null)`,
      "create table invoice_lines (id integer primary key, invoice_id integer not null references invoices (id), track varchar(200) not null, unit_price bigint not null)",
      `insert into customers (id, email, first_name, last_name, phone, created_at) values (1, 'Stanisław.Wójcik@wp.pl', 'Stanisław', 'Wójcik', '+48 601 234 567', '${at("2020-05-01T10:00:00Z")}'), (2, 'olga@example.com', 'Olga', 'Other', '555-0100', '${at("2023-01-01T00:00:00Z")}')`,
      `insert into invoices (id, customer_id, total, issued_at) values (1, 1, 1998, '${at("2021-06-01T12:00:00Z")}'), (2, 1, 999, '${at("2023-03-04T12:00:00Z")}'), (3, 1, 2997, '${at("2026-08-01T12:00:00Z")}'), (4, 2, 500, '${at("2026-09-01T00:00:00Z")}')`,
      "insert into invoice_lines (id, invoice_id, track, unit_price) values (1, 1, 'Old Song A', 999), (2, 1, 'Old Song B', 999), (3, 2, 'Mid Song', 999), (4, 3, 'New Song 1', 999), (5, 3, 'New Song 2', 1099), (6, 4, 'Olga Song', 500)",
    ]) await sql.raw(statement).execute(t.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-docs-example-"));
    mapFile = path.join(dir, "store.datamap.yaml");
    fs.writeFileSync(mapFile, workedExampleMap(dialect.name));
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
    const statements = [...first.stderr.matchAll(/((?:CREATE INDEX|ALTER TABLE) [^;]+;)/g)].map((m) => m[1]!);
    if (dialect.name === "postgres") {
      expect(statements).toEqual([
        "CREATE INDEX public_customers_email_lower_idx ON public.customers (lower(email));",
        "CREATE INDEX public_invoices_customer_id_idx ON public.invoices (customer_id);",
        "CREATE INDEX public_invoice_lines_invoice_id_idx ON public.invoice_lines (invoice_id);",
      ]);
    } else {
      // The e-mail lookup at least (MariaDB indexes foreign keys by itself), in the dialect's words.
      expect(statements.some((statement) => statement.includes("customers"))).toBe(true);
    }
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

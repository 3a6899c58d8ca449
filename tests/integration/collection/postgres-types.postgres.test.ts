import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import { loadDatamap, type LoadedDatamap } from "../../../server/datamap/load-datamap";
import { sourceDialects, type TestDatabase } from "../../support/dialects";
import { collectRun, shopMapObject, testLabel } from "./fixtures";

// Issue 14, a foreign PostgreSQL schema: what real schemas have and the demo does not. Arrays of
// built-in types are disclosed as JSON text of their elements read like the scalar columns
// (ADR 023): pg's own array parsers turned numeric[] into doubles (cents lost beyond 15 digits),
// date[] into local-midnight instants, bytea[] into {"type":"Buffer",...} and interval[] into
// objects. The live check sees partitions and materialized views as PostgreSQL has them.

const label = testLabel;

const mapFor = (datasets: object[]) => shopMapObject(datasets, "people");

const ARRAYS = ["amounts", "days", "blobs", "spans", "stamps", "bigs", "docs", "times", "flags"] as const;

const people = {
  id: "people",
  label: label("People"),
  table: "people",
  primaryKey: "id",
  timeField: null,
  lookups: [{ column: "email", identifier: "email" }],
  fields: {
    id: { internal: true, reason: "Row id" },
    email: { label: label("Email"), categories: ["A"] },
    ...Object.fromEntries(ARRAYS.map((name) => [name, { label: label(name), categories: ["K"] }])),
  },
};

// PostgreSQL types only: the suite runs wherever the source dialects include PostgreSQL (always in CI).
describe.each(sourceDialects().filter((d) => d.name === "postgres"))("a foreign PostgreSQL schema", (postgres) => {
  let t: TestDatabase<any>;
  let db: Kysely<any>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-pgtypes-"));

  beforeAll(async () => {
    t = await postgres.create<any>();
    db = t.db as Kysely<any>;
    await sql`create table people (id integer primary key, email text not null, amounts numeric[], days date[], blobs bytea[],
      spans interval[], stamps timestamp[], bigs bigint[], docs jsonb[], times time[], flags boolean[])`.execute(db);
    await sql`insert into people values (1, 'ana@example.com', array[1.50, 12345678901234567.89, null]::numeric[], array['2026-02-28'::date],
      array[decode('0102', 'hex')], array['1 hour 2 mins'::interval], array['2026-08-14 07:31:56.357'::timestamp], array[9007199254740993, 7]::bigint[],
      array['{"b": 1, "a": {"d": 1, "c": 2}}'::jsonb], array['09:30'::time], array[true, false])`.execute(db);
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Collects the person `identifiers` name for a since-2022 request into `<dir>/<name>.ndjson`. */
  async function collectSince2022(datamap: LoadedDatamap, env: Record<string, string>, name: string, identifiers: Record<string, string>) {
    const spoolPath = path.join(dir, `${name}.ndjson`);
    const run = await collectRun({ datamap, env, spoolPath, identifiers, handles: { shop: { db, dialect: t.dialect } } });
    return { summary: run.summary, run };
  }

  it("datamap check reads a partitioned table as one table (its partitions need no declaring) and finds a materialized view", async () => {
    await sql`create table visits (id integer, email text not null, at timestamptz not null, primary key (id, at)) partition by range (at)`.execute(db);
    await sql`create table visits_2026 partition of visits for values from ('2026-01-01') to ('2027-01-01')`.execute(db);
    await sql`create materialized view visit_days as select email, min(at) as first_at from visits group by email`.execute(db);
    const visits = {
      id: "visits",
      label: label("Visits"),
      table: "visits",
      primaryKey: "id",
      timeField: "at",
      lookups: [{ column: "email", identifier: "email" }],
      fields: { id: { internal: true, reason: "Row id" }, email: { label: label("Email"), categories: ["A"] }, at: { label: label("At"), categories: ["F"] } },
    };
    const days = {
      id: "visit_days",
      label: label("First visit"),
      table: "visit_days",
      primaryKey: "email",
      timeField: "first_at",
      lookups: [{ column: "email", identifier: "email" }],
      fields: { email: { label: label("Email"), categories: ["A"] }, first_at: { label: label("First visit"), categories: ["F"] }, missing: { label: label("Gone"), categories: ["F"] } },
    };
    const env = { SHOP_URL: t.url };
    const handles = { shop: { db, dialect: t.dialect } };
    const check = async (datasets: object[]) =>
      (await checkDatamap(await loadDatamap({ text: JSON.stringify(mapFor(datasets)), baseDir: dir }, env), { env, handles })).problems.map((p) => p.message);
    try {
      // A materialized view is a dataset like a view: its columns are compared, and it need not be declared.
      expect(await check([people, visits, days])).toEqual([expect.stringContaining('column "missing" does not exist in table "visit_days"')]);
      expect(await check([people, visits])).toEqual([]);
    } finally {
      await sql`drop materialized view visit_days`.execute(db);
      await sql`drop table visits`.execute(db);
    }
  });

  it("[PERFORMANCE]: the CREATE INDEX proposed for a mixed-case table and columns runs as printed, and then serves the lookups", async () => {
    await sql`create schema crm`.execute(db);
    await sql`create table crm."SupportTickets" ("TicketID" integer primary key, "CustomerEmail" text not null, "Phone" text, "OrderRef" integer)`.execute(db);
    await sql`create table crm."Orders" ("OrderID" integer primary key, "OrderNo" integer, "PlacedAt" timestamptz)`.execute(db);
    const tickets = {
      id: "tickets",
      label: label("Tickets"),
      table: "crm.SupportTickets",
      primaryKey: "TicketID",
      timeField: "PlacedAt",
      lookups: [
        { column: "CustomerEmail", identifier: "email", match: "case_insensitive" },
        { column: "TicketID", identifier: "customer_number" },
        { column: "Phone", identifier: "phone", match: "digits" },
      ],
      fields: {
        TicketID: { label: label("Ticket"), categories: ["D"] },
        CustomerEmail: { label: label("Email"), categories: ["A"] },
        Phone: { label: label("Phone"), categories: ["A"] },
        OrderRef: { internal: true, reason: "The order" },
        PlacedAt: { label: label("Placed"), categories: ["D"], from: { via: "OrderRef", table: "crm.Orders", key: "OrderNo", column: "PlacedAt" } },
      },
    };
    const env = { SHOP_URL: t.url };
    const handles = { shop: { db, dialect: t.dialect } };
    const datamap = await loadDatamap({ text: JSON.stringify(mapFor([people, tickets])), baseDir: dir }, env);
    try {
      const warned = (await checkDatamap(datamap, { env, handles })).warnings.map((w) => w.message).filter((m) => m.includes("crm."));
      const statements = warned.map((m) => /CREATE INDEX .*;/.exec(m)?.[0]);
      expect(statements).toEqual([
        'CREATE INDEX crm_SupportTickets_CustomerEmail_lower_idx ON crm."SupportTickets" (lower("CustomerEmail"));',
        `CREATE INDEX crm_SupportTickets_Phone_digits_idx ON crm."SupportTickets" (replace(replace(replace(replace(replace(replace(replace("Phone", ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), '/', ''));`,
        'CREATE INDEX crm_Orders_OrderNo_idx ON crm."Orders" ("OrderNo");',
      ]);
      for (const statement of statements) await sql.raw(statement!).execute(db);
      expect((await checkDatamap(datamap, { env, handles })).warnings.filter((w) => w.message.includes("crm."))).toEqual([]);
    } finally {
      await sql`drop schema crm cascade`.execute(db);
    }
  });

  it("[DISCLOSURE]: a looked-up value that cannot be in a uuid or integer column finds nothing there, as on the other dialects, instead of failing the source", async () => {
    await sql`create table accounts (id uuid primary key, email text not null, legacy_no integer)`.execute(db);
    await sql`insert into accounts values ('11111111-1111-4111-8111-111111111111', 'ana@example.com', 42)`.execute(db);
    const accounts = {
      id: "accounts",
      label: label("Accounts"),
      table: "accounts",
      primaryKey: "id",
      timeField: null,
      // A customer number given by the person, or yielded by another system's integer ids.
      lookups: [
        { column: "id", identifier: "customer_number" },
        { column: "legacy_no", identifier: "customer_number" },
      ],
      fields: { id: { label: label("Account"), categories: ["A"] }, email: { label: label("Email"), categories: ["A"] }, legacy_no: { label: label("Old number"), categories: ["A"] } },
    };
    const env = { SHOP_URL: t.url };
    try {
      const datamap = await loadDatamap({ text: JSON.stringify(mapFor([people, accounts])), baseDir: dir }, env);
      const collect = async (customerNumber: string) => {
        const { summary, run } = await collectSince2022(datamap, env, `accounts-${customerNumber.length}`, { email: "nobody@example.com", customer_number: customerNumber });
        return { complete: summary.complete, keys: run.records.map((r) => r.recordKey) };
      };
      expect(await collect("Jan-Kowalski-42")).toEqual({ complete: true, keys: [] });
      expect(await collect("99999999999999999999")).toEqual({ complete: true, keys: [] });
      expect(await collect("42")).toEqual({ complete: true, keys: ["11111111-1111-4111-8111-111111111111"] });
      expect(await collect("11111111-1111-4111-8111-111111111111")).toEqual({ complete: true, keys: ["11111111-1111-4111-8111-111111111111"] });
    } finally {
      await sql`drop table accounts`.execute(db);
    }
  });

  it("[DISCLOSURE]: a looked-up value holding a NUL character finds nothing, in text columns too, instead of failing the source (22021)", async () => {
    const env = { SHOP_URL: t.url };
    const exact = await loadDatamap({ text: JSON.stringify(mapFor([people])), baseDir: dir }, env);
    const folded = await loadDatamap({ text: JSON.stringify(mapFor([{ ...people, lookups: [{ column: "email", identifier: "email", match: "case_insensitive" }] }])), baseDir: dir }, env);
    for (const [name, datamap] of [["exact", exact], ["folded", folded]] as const) {
      const nul = await collectSince2022(datamap, env, `nul-${name}`, { email: "ana@example.com\u0000" });
      expect({ complete: nul.summary.complete, records: nul.run.records.length }).toEqual({ complete: true, records: 0 });
      // The same lookup without the NUL still finds Ana: only the value that cannot be stored is left out.
      const plain = await collectSince2022(datamap, env, `plain-${name}`, { email: "ana@example.com" });
      expect(plain.run.records.map((r) => r.recordKey)).toEqual(["1"]);
    }
  });

  it("[DISCLOSURE]: case_insensitive and digits lookups on an enum and an integer column compare their text, as the other dialects do, instead of failing the source", async () => {
    await sql`create type handle_kind as enum ('Ana.Lopez', 'ana.lopez', 'other', '+1 (415) 555-0100')`.execute(db);
    await sql`create table handles (id integer primary key, handle handle_kind not null, phone_no bigint)`.execute(db);
    await sql`insert into handles values (7, 'Ana.Lopez', 14155550123), (8, 'ana.lopez', null), (9, '+1 (415) 555-0100', null), (10, 'other', null)`.execute(db);
    const handles = {
      id: "handles",
      label: label("Handles"),
      table: "handles",
      primaryKey: "id",
      timeField: null,
      lookups: [
        { column: "handle", identifier: "customer_number", match: "case_insensitive" },
        { column: "phone_no", identifier: "phone", match: "digits" },
        { column: "handle", identifier: "phone", match: "digits" },
      ],
      fields: { id: { internal: true, reason: "Row id" }, handle: { label: label("Handle"), categories: ["A"] }, phone_no: { label: label("Phone"), categories: ["A"] } },
    };
    const env = { SHOP_URL: t.url };
    try {
      const datamap = await loadDatamap({ text: JSON.stringify(mapFor([people, handles])), baseDir: dir }, env);
      const found = async (name: string, identifiers: Record<string, string>) => {
        const { summary, run } = await collectSince2022(datamap, env, name, { email: "nobody@example.com", ...identifiers });
        return { complete: summary.complete, keys: run.records.filter((r) => r.datasetId === "handles").map((r) => r.recordKey) };
      };
      expect(await found("handle", { customer_number: "ANA.lopez" })).toEqual({ complete: true, keys: ["7", "8"] });
      expect(await found("phone", { phone: "14155550123" })).toEqual({ complete: true, keys: ["7"] });
      expect(await found("phone-label", { phone: "+1 415 555 0100" })).toEqual({ complete: true, keys: ["9"] });
      expect(await found("neither", { customer_number: "ana.lopes", phone: "14155550124" })).toEqual({ complete: true, keys: [] });
      // The check proposes indexes on the text the lookups compare; PostgreSQL takes them as printed, and then they serve.
      const handlesWarnings = async () => (await checkDatamap(datamap, { env, handles: { shop: { db, dialect: t.dialect } } })).warnings.map((w) => w.message).filter((m) => m.includes('"handles.'));
      const statements = (await handlesWarnings()).map((m) => /CREATE INDEX .*;/.exec(m)?.[0]);
      expect(statements).toEqual([
        // An enum's text cannot be indexed (its cast is not immutable): its labels are looked up exactly, which the column's own index serves.
        "CREATE INDEX handles_handle_idx ON handles (handle);",
        `CREATE INDEX handles_phone_no_digits_idx ON handles (replace(replace(replace(replace(replace(replace(replace(cast(phone_no as text), ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), '/', ''));`,
        "CREATE INDEX handles_handle_idx ON handles (handle);",
      ]);
      for (const statement of new Set(statements)) await sql.raw(statement!).execute(db);
      expect(await handlesWarnings()).toEqual([]);
      expect(await found("handle-indexed", { customer_number: "ANA.LOPEZ" })).toEqual({ complete: true, keys: ["7", "8"] });
    } finally {
      await sql`drop table handles`.execute(db);
      await sql`drop type handle_kind`.execute(db);
    }
  });

  it("[DISCLOSURE]: a looked-up value that is not a label of an enum column, or cannot be a date, timestamp, boolean, inet, cidr, macaddr or jsonb, finds nothing there instead of failing the source", async () => {
    await sql`create type tier as enum ('gold', 'silver')`.execute(db);
    await sql`create table members (id integer primary key, email text not null, plan tier, born date, seen timestamptz, stamp timestamp,
      active boolean, ip inet, net cidr, mac macaddr, doc jsonb, account uuid)`.execute(db);
    await sql`insert into members values (1, 'bo@example.com', 'gold', '1990-05-17', '2026-03-01 10:00+00', '2026-03-01 10:00', true,
      '10.1.2.3', '10.0.0.0/8', '08:00:2b:01:02:03', '{"n": 7}', null)`.execute(db);
    // Another system's customer number, as a text column holds it: the identity graph carries it to members.
    await sql`create table refs (id integer primary key, email text not null, ref text not null)`.execute(db);
    await sql`insert into refs values (1, 'cy@example.com', 'Jan-42')`.execute(db);
    const columns = ["plan", "born", "seen", "stamp", "active", "ip", "net", "mac", "doc"];
    const members = {
      id: "members",
      label: label("Members"),
      table: "members",
      primaryKey: "id",
      timeField: null,
      lookups: columns.map((column) => ({ column, identifier: "customer_number" })),
      yields: [{ column: "email", identifier: "email" }],
      // Rows of another customer's account (a uuid) are theirs: the person's known numbers are compared with it.
      owners: [{ column: "account", identifier: "customer_number" }],
      fields: {
        id: { internal: true, reason: "Row id" },
        email: { label: label("Email"), categories: ["A"] },
        account: { internal: true, reason: "Account" },
        ...Object.fromEntries(columns.map((name) => [name, { label: label(name), categories: ["K"] }])),
      },
    };
    const refs = {
      id: "refs",
      label: label("References"),
      table: "refs",
      primaryKey: "id",
      timeField: null,
      lookups: [{ column: "email", identifier: "email" }],
      yields: [{ column: "ref", identifier: "customer_number" }],
      fields: { id: { internal: true, reason: "Row id" }, email: { label: label("Email"), categories: ["A"] }, ref: { label: label("Reference"), categories: ["A"] } },
    };
    const env = { SHOP_URL: t.url };
    try {
      const datamap = await loadDatamap({ text: JSON.stringify(mapFor([people, refs, members])), baseDir: dir }, env);
      let n = 0;
      const collect = async (identifiers: Record<string, string>) => {
        const { summary, run } = await collectSince2022(datamap, env, `members-${(n += 1)}`, identifiers);
        return { complete: summary.complete, keys: run.records.map((r) => `${r.datasetId}:${r.recordKey}`) };
      };
      const number = (customerNumber: string) => collect({ email: "nobody@example.com", customer_number: customerNumber });
      for (const unfit of ["Jan-42", "ana@example.com", "Gold", "platinum", "1990-13-45", "{not json", "10.1.2.300", "08:00:2b"]) {
        expect({ unfit, ...(await number(unfit)) }).toEqual({ unfit, complete: true, keys: [] });
      }
      // Values PostgreSQL reads as the column's type still find the row.
      for (const fit of ["gold", "1990-05-17", "2026-03-01 10:00:00+00", "10.1.2.3", "10.0.0.0/8", "08002b010203", '{"n":7}', "true"]) {
        expect({ fit, ...(await number(fit)) }).toEqual({ fit, complete: true, keys: ["members:1"] });
      }
      // Through the identity graph: cy's reference "Jan-42" is looked up in every members column.
      expect(await collect({ email: "cy@example.com" })).toEqual({ complete: true, keys: ["refs:1"] });
    } finally {
      await sql`drop table members`.execute(db);
      await sql`drop table refs`.execute(db);
      await sql`drop type tier`.execute(db);
    }
  });

  it("[DATAMAP]: datamap check warns that a case_insensitive lookup on a column under the C collation folds only A-Z (ŁUKASZ@ is not łukasz@)", async () => {
    await sql`create table leads (id integer primary key, email text collate "C" not null)`.execute(db);
    await sql`create index leads_email_lower_idx on leads (lower(email))`.execute(db);
    const leads = {
      id: "leads",
      label: label("Leads"),
      table: "leads",
      primaryKey: "id",
      timeField: null,
      lookups: [{ column: "email", identifier: "email", match: "case_insensitive" }],
      fields: { id: { internal: true, reason: "Row id" }, email: { label: label("Email"), categories: ["A"] } },
    };
    const env = { SHOP_URL: t.url };
    const handles = { shop: { db, dialect: t.dialect } };
    try {
      const datamap = await loadDatamap({ text: JSON.stringify(mapFor([people, leads])), baseDir: dir }, env);
      const warnings = (await checkDatamap(datamap, { env, handles })).warnings.map((w) => w.message).filter((m) => m.includes("leads"));
      expect(warnings).toEqual([expect.stringContaining('"leads.email" is compared with lower(), which under the C collation changes only A-Z: a value stored as ŁUKASZ@... is not found from łukasz@....')]);
      expect(warnings[0]).toContain('ALTER TABLE leads ALTER COLUMN email TYPE text COLLATE "und-x-icu";');
    } finally {
      await sql`drop table leads`.execute(db);
    }
  });

  it("[DISCLOSURE]: arrays of enums and of domains are JSON of their elements too, not PostgreSQL's array text", async () => {
    await sql`create type mood as enum ('happy', 'so-so, "fine"', 'sad')`.execute(db);
    await sql`create domain shortcode as text check (length(value) < 10)`.execute(db);
    await sql`create domain cents as numeric(20, 2)`.execute(db);
    await sql`create table diaries (id integer primary key, email text not null, moods mood[], codes shortcode[], prices cents[])`.execute(db);
    await sql`insert into diaries values (1, 'ana@example.com', array['happy', 'so-so, "fine"']::mood[], array['ab', null]::shortcode[],
      array[12345678901234567.89]::cents[])`.execute(db);
    const diaries = {
      id: "diaries",
      label: label("Diaries"),
      table: "diaries",
      primaryKey: "id",
      timeField: null,
      lookups: [{ column: "email", identifier: "email" }],
      fields: {
        id: { internal: true, reason: "Row id" },
        email: { label: label("Email"), categories: ["A"] },
        moods: { label: label("Moods"), categories: ["K"] },
        codes: { label: label("Codes"), categories: ["K"] },
        prices: { label: label("Prices"), categories: ["K"] },
      },
    };
    const env = { SHOP_URL: t.url };
    try {
      const datamap = await loadDatamap({ text: JSON.stringify(mapFor([people, diaries])), baseDir: dir }, env);
      const { run } = await collectSince2022(datamap, env, "diaries", { email: "ana@example.com" });
      const record = run.records.find((r) => r.datasetId === "diaries");
      const values = Object.fromEntries(record!.fields.map((f) => [f.fieldId.slice("diaries.".length), f.value]));
      expect(values).toEqual({ email: "ana@example.com", moods: '["happy","so-so, \\"fine\\""]', codes: '["ab",null]', prices: '["12345678901234567.89"]' });
    } finally {
      await sql`drop table diaries`.execute(db);
      await sql`drop domain cents`.execute(db);
      await sql`drop domain shortcode`.execute(db);
      await sql`drop type mood`.execute(db);
    }
  });

  it("[DISCLOSURE]: arrays of built-in types are JSON of their elements, each read as its scalar column is", async () => {
    const env = { SHOP_URL: t.url };
    const datamap = await loadDatamap({ text: JSON.stringify(mapFor([people])), baseDir: dir }, env);
    expect((await checkDatamap(datamap, { env, handles: { shop: { db, dialect: t.dialect } } })).problems).toEqual([]);
    const [record] = (await collectSince2022(datamap, env, "arrays", { email: "ana@example.com" })).run.records;
    const values = Object.fromEntries(record!.fields.filter((f) => f.fieldId !== "people.email").map((f) => [f.fieldId.slice("people.".length), f.value]));
    expect(values).toEqual({
      amounts: '[1.5,"12345678901234567.89",null]',
      days: '["2026-02-28"]',
      blobs: '["AQI="]',
      spans: '["01:02:00"]',
      stamps: '["2026-08-14T07:31:56.357Z"]',
      bigs: '["9007199254740993",7]',
      docs: '[{"a":{"c":2,"d":1},"b":1}]',
      times: '["09:30:00"]',
      flags: "[true,false]",
    });
  });
});

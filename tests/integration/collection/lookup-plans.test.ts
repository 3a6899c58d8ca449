import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CompiledQuery, sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DialectName } from "../../../db/client";
import { demoPerson } from "../../../db/demo-business/demo-people";
import { analyzeDemoBusiness, growDemoBusiness } from "../../../db/demo-business/grow-demo-business";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { resolveIdentityGraph } from "../../../server/collection/resolve-identity-graph";
import { trackSourceRuns } from "../../../server/collection/track-source-runs";
import { normalizeIdentifier } from "../../../server/connectors/normalize-identifier";
import { openConnector } from "../../../server/connectors/open-connector";
import { buildDatasetQuery, digitsSql } from "../../../server/connectors/sql/build-dataset-query";
import { planLookups } from "../../../server/connectors/sql/open-sql-connector";
import { readCaseInsensitiveColumns, readLookupColumnFacts } from "../../../server/connectors/sql/read-sql-columns";
import { checkDatamap } from "../../../server/datamap/check-datamap";
import type { SqlDataset } from "../../../server/datamap/dataset-schema";
import type { SqlSource } from "../../../server/datamap/datamap-schema";
import { loadDatamap, type LoadedDatamap } from "../../../server/datamap/load-datamap";
import { createLogger } from "../../../server/lib/logger";
import type { SafeRow } from "../../../server/connectors/connector-types";
import { sourceDialects, type TestDatabase } from "../../support/dialects";
import { DEMO_MAP, shopMapObject, testLabel } from "./fixtures";

/**
 * Cost follows the person, not the business (DESIGN.md §4; ADR 024): on a demo business grown to
 * thousands of rows per table, with fresh statistics, every query collection sends for a person is
 * driven by an index on its lookup column, on every dialect. Read from each database's own plan.
 */
const olivia = demoPerson("ordinary");

/**
 * The plan's verdict: null when the dataset's table is reached through an index on the lookup
 * column (the demo names indexes <table>_<column>..., primary keys aside) and nothing is scanned
 * whole; else what is wrong. An index on another column (the owner guard's user_id, walking every
 * anonymous row) is as wrong as a full scan.
 */
async function planProblem(db: Kysely<any>, dialect: DialectName, query: CompiledQuery, table: string, column: string): Promise<string | null> {
  const ours = (index: string | null | undefined) => !!index && (index.includes(`${table}_${column}`) || (column === "id" && /primary|pkey|autoindex/i.test(index)));
  if (dialect === "sqlite") {
    const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    const details = rows.map((r) => r.detail);
    const bad = details.filter((d) => (/^SCAN /.test(d) && !/^SCAN CONSTANT ROW/.test(d)) || /MULTI-INDEX OR/.test(d));
    // "SEARCH t USING INDEX i (cookie_id=?)"; an expression index shows "(<expr>=?)".
    const main = details.filter((d) => d.startsWith(`SEARCH ${table} `));
    if (main.length !== 1 || !(main[0]!.includes(`(${column}=`) || main[0]!.includes("(<expr>=") || /INTEGER PRIMARY KEY/.test(main[0]!))) bad.push(...main);
    return bad.length ? bad.join("; ") : null;
  }
  if (dialect === "mysql") {
    const { rows } = await db.executeQuery<{ table: string | null; type: string | null; key: string | null }>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
    const bad = rows.filter((r) => r.table && (r.type === "ALL" || r.type === "index" || r.type === "index_merge" || !r.key || (r.table === table && !ours(r.key))));
    return bad.length ? bad.map((r) => `${r.table}: ${r.type} ${r.key}`).join("; ") : null;
  }
  const { rows } = await db.executeQuery<{ "QUERY PLAN": unknown }>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
  const bad: string[] = [];
  const walk = (node: any) => {
    if (node["Node Type"] === "Seq Scan") bad.push(`Seq Scan on ${node["Relation Name"]}`);
    if (node["Relation Name"] === table && node["Index Name"] && !ours(node["Index Name"])) bad.push(`${node["Node Type"]} using ${node["Index Name"]}`);
    if (node["Node Type"] === "BitmapOr") bad.push("BitmapOr");
    for (const child of node.Plans ?? []) walk(child);
  };
  const plan = rows[0]!["QUERY PLAN"] as any;
  walk((typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan);
  return bad.length ? bad.join("; ") : null;
}

describe.each(sourceDialects())("lookup query plans on $name (ADR 024)", (dialect) => {
  let t: TestDatabase<any>;
  let datamap: LoadedDatamap;
  let source: SqlSource;
  // The demo map names its file store too; only the sql source is planned here.
  const env = () => ({ DEMO_SOURCE_URL: t.url, DEMO_FILES_DIR: os.tmpdir() });

  beforeAll(async () => {
    t = await dialect.create<any>();
    await seedDemoBusiness(t.db, { dialect: t.dialect, people: 120 });
    await t.db.transaction().execute((trx) => growDemoBusiness(trx, t.dialect, { factor: 40, maxRows: 30_000 }));
    // SQLite databases are seldom analyzed: the plan must be right without statistics there.
    if (t.dialect !== "sqlite") await analyzeDemoBusiness(t.db, t.dialect);
    datamap = await loadDatamap({ file: DEMO_MAP }, env());
    source = datamap.map.sources.find((s) => s.id === "parlay_app") as SqlSource;
  }, 240_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[PERFORMANCE]: every lookup of a person's collection is answered by an index, never a full scan of the table", async () => {
    const handles = { parlay_app: { db: t.db, dialect: t.dialect } };
    const connector = await openConnector(source, { env: env(), baseDir: datamap.baseDir, handles });
    const seeds = new Map([
      ["email", new Set([normalizeIdentifier("email", olivia.email)!])],
      ["phone", new Set([normalizeIdentifier("phone", olivia.phone)!])],
      ["customer_number", new Set([olivia.customerNumber!])],
    ]);
    const graph = await resolveIdentityGraph({ datamap, connectors: new Map([[source.id, connector]]), seeds, maxDepth: 5, tracker: trackSourceRuns([source], createLogger("silent")) });
    await connector.close();
    const ci = await readCaseInsensitiveColumns(t.db, t.dialect);
    const window = { start: "2022-01-01", endExclusive: "2026-11-02" };

    let checked = 0;
    const scans: string[] = [];
    for (const dataset of source.datasets as SqlDataset[]) {
      if (dataset.excluded) continue;
      // A table of a few pages is read whole by a sound planner (PostgreSQL: credit applications,
      // a few hundred rows): the big tables are the point.
      const size = await t.db.selectFrom(dataset.table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      if (Number(size.n) < 2000) continue;
      const request = { lookup: graph.known, known: graph.known, window, columns: "all" as const };
      const lookups = planLookups(dataset, request);
      for (const [i, batch] of lookups.entries()) {
        // MariaDB cannot index an expression: the demo has no generated digits column, so a digits
        // lookup reads the table there and the check says so (below; ADR 051 adds the column).
        if (t.dialect === "mysql" && batch.match === "digits") continue;
        const query = buildDatasetQuery(t.db, dataset, request, { batch, exclude: lookups.slice(0, i), caseInsensitiveColumns: ci }).compile();
        const verdict = await planProblem(t.db, t.dialect, query, dataset.table, batch.column);
        if (verdict) scans.push(`${dataset.id}.${batch.column} (${batch.match}): ${verdict}`);
        checked += 1;
      }
    }
    expect(scans).toEqual([]);
    // Owners, case_insensitive and from-fields are all among them: the demo person is in most tables.
    expect(checked).toBeGreaterThan(20);
  }, 120_000);

  it("[PERFORMANCE]: `datamap check` names a lookup no index serves, with the CREATE INDEX that serves it", async () => {
    const handles = { parlay_app: { db: t.db, dialect: t.dialect } };
    const clean = await checkDatamap(datamap, { env: env(), handles });
    expect(clean.ok).toBe(true);
    const digits = (w: { message: string }) => w.message.includes("digits lookup");
    // The demo's schema serves every lookup; only MariaDB's two phone-digit lookups cannot be served.
    expect(clean.warnings.filter((w) => !digits(w))).toEqual([]);
    expect(clean.warnings.length).toBe(t.dialect === "mysql" ? 2 : 0);

    const index = "support_messages_conversation_id_created_at_idx";
    // MySQL would refuse to drop an index a foreign key needs without another one on the column.
    if (t.dialect === "mysql") await sql.raw("alter table support_messages drop foreign key support_messages_conversation_id_fk").execute(t.db);
    await sql.raw(t.dialect === "mysql" ? `drop index ${index} on support_messages` : `drop index ${index}`).execute(t.db);
    const warned = await checkDatamap(datamap, { env: env(), handles });
    expect(warned.ok).toBe(true);
    const warning = warned.warnings.find((w) => !digits(w));
    const at = source.datasets.findIndex((d) => d.id === "support_messages");
    expect(warning?.path).toBe(`sources[0].datasets[${at}].lookups[0].column`);
    expect(warning?.message).toContain('no index serves the exact lookup on "support_messages.conversation_id"');
    const statement = /CREATE INDEX .*;/.exec(warning!.message)![0];
    expect(statement).toBe("CREATE INDEX support_messages_conversation_id_idx ON support_messages (conversation_id);");
    await sql.raw(statement.slice(0, -1)).execute(t.db);
    const fixed = await checkDatamap(datamap, { env: env(), handles });
    expect(fixed.warnings.filter((w) => !digits(w))).toEqual([]);
  }, 120_000);

  it("[PERFORMANCE]: a phone typed \"(415) 555-0142\" finds \"+1 415.555.0142\" through an index; on MariaDB through the generated column the check proposes, with the same rows (ADR 051)", async () => {
    const handles = { parlay_app: { db: t.db, dialect: t.dialect } };
    await t.db.updateTable("users").set({ phone: "+1 415.555.0142" }).where("id", "=", olivia.userId).execute();
    const request = { lookup: new Map([["phone", new Set([normalizeIdentifier("phone", "(415) 555-0142")!])]]), known: null, window: null, columns: "all" as const };
    const phoneDatasets = (source.datasets as SqlDataset[]).filter((d) => d.lookups?.some((l) => l.match === "digits"));
    expect(phoneDatasets.map((d) => d.table).sort()).toEqual(["leads", "users"]);
    const rowsFound = async () => {
      const connector = await openConnector(source, { env: env(), baseDir: datamap.baseDir, handles });
      const found: Record<string, SafeRow[]> = {};
      for (const dataset of phoneDatasets) {
        found[dataset.id] = [];
        for await (const batch of connector.fetch(dataset, request)) found[dataset.id]!.push(...batch);
        found[dataset.id]!.sort((a, b) => a.key.localeCompare(b.key));
      }
      await connector.close();
      return found;
    };
    const plans = async () => {
      const facts = await readLookupColumnFacts(t.db, t.dialect);
      const problems: string[] = [];
      for (const dataset of phoneDatasets) {
        const [batch] = planLookups(dataset, request);
        const query = buildDatasetQuery(t.db, dataset, request, { batch: batch!, exclude: [], caseInsensitiveColumns: facts.caseInsensitive, digitsColumns: facts.digits }).compile();
        const verdict = await planProblem(t.db, t.dialect, query, dataset.table, batch!.column);
        if (verdict) problems.push(`${dataset.table}: ${verdict}`);
      }
      return problems;
    };

    const before = await rowsFound();
    expect(before["users"]!.map((r) => r.key)).toContain(olivia.userId);
    if (t.dialect === "mysql") {
      // No expression index on MariaDB: the check says how to add the generated column.
      const warned = await checkDatamap(datamap, { env: env(), handles });
      const statements = warned.warnings.map((w) => /ALTER TABLE .*;/.exec(w.message)?.[0]).filter((s) => s !== undefined);
      const generated = `VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci GENERATED ALWAYS AS (${digitsSql("phone")}) VIRTUAL`;
      expect(statements).toEqual([
        `ALTER TABLE users ADD COLUMN phone_rtk_digits ${generated}; CREATE INDEX users_phone_digits_idx ON users (phone_rtk_digits);`,
        `ALTER TABLE leads ADD COLUMN phone_rtk_digits ${generated}; CREATE INDEX leads_phone_digits_idx ON leads (phone_rtk_digits);`,
      ]);
      expect((await plans()).length).toBe(2);
      const [addColumn, ...rest] = statements.flatMap((s) => s!.split(/;\s*/)).filter(Boolean);
      // The column alone: no undeclared column, and the check asks for its index only.
      await sql.raw(addColumn!).execute(t.db);
      const halfway = await checkDatamap(datamap, { env: env(), handles });
      expect(halfway.problems).toEqual([]);
      expect(halfway.warnings.map((w) => w.message.replace(/^.*whole table\. /, ""))).toEqual([
        "CREATE INDEX users_phone_digits_idx ON users (phone_rtk_digits);",
        statements[1],
      ]);
      for (const statement of rest) await sql.raw(statement).execute(t.db);
      await analyzeDemoBusiness(t.db, t.dialect);
      // The generated column is no undeclared data, and the lookups are served now.
      const fixed = await checkDatamap(datamap, { env: env(), handles });
      expect(fixed.problems).toEqual([]);
      expect(fixed.warnings).toEqual([]);
    }
    expect(await plans()).toEqual([]);
    expect(await rowsFound()).toEqual(before);
  }, 120_000);
});

describe.each(sourceDialects())("suggested indexes for reserved and mixed-case names on $name", (dialect) => {
  let t: TestDatabase<any>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-reserved-"));
  beforeAll(async () => {
    t = await dialect.create<any>();
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[PERFORMANCE]: every statement `datamap check` proposes for tables `order` and `user`, columns `group`, `Select`, `key` and 60-character names, runs as printed, and then serves the lookups", async () => {
    const LONG = "customer_reference_number_assigned_by_the_previous_crm_sys";
    const q = (name: string) => (t.dialect === "mysql" ? `\`${name}\`` : `"${name}"`);
    // A binary collation on MariaDB, so that the case_insensitive lookup needs its ALTER ... MODIFY too.
    const binary = t.dialect === "mysql" ? " character set utf8mb4 collate utf8mb4_bin" : "";
    await sql.raw(`create table ${q("order")} (id integer primary key, email varchar(100) not null, ${q("group")} varchar(40), ${q("Select")} varchar(100)${binary}, ${q("user")} varchar(32), placed_by integer, ${LONG}_a varchar(20), ${LONG}_b varchar(20))`).execute(t.db);
    await sql.raw(`create table ${q("user")} (id integer primary key, ${q("key")} integer, ${q("when")} varchar(30))`).execute(t.db);
    const orders = {
      id: "orders",
      label: testLabel("Orders"),
      table: "order",
      primaryKey: "id",
      timeField: null,
      lookups: [
        { column: "email", identifier: "email" },
        { column: "group", identifier: "customer_number" },
        { column: "Select", identifier: "email", match: "case_insensitive" },
        { column: "user", identifier: "phone", match: "digits" },
        { column: `${LONG}_a`, identifier: "customer_number" },
        { column: `${LONG}_b`, identifier: "customer_number" },
      ],
      fields: {
        id: { internal: true, reason: "Row id" },
        email: { label: testLabel("Email"), categories: ["A"] },
        group: { label: testLabel("Group"), categories: ["A"] },
        Select: { label: testLabel("Other email"), categories: ["A"] },
        user: { label: testLabel("Phone"), categories: ["A"] },
        placed_by: { internal: true, reason: "Who placed it" },
        [`${LONG}_a`]: { label: testLabel("Old number"), categories: ["A"] },
        [`${LONG}_b`]: { label: testLabel("Older number"), categories: ["A"] },
        when: { label: testLabel("When"), categories: ["D"], from: { via: "placed_by", table: "user", key: "key", column: "when" } },
      },
    };
    const users = {
      id: "users",
      label: testLabel("Users"),
      table: "user",
      primaryKey: "id",
      timeField: null,
      excluded: { reason: testLabel("Read through orders only") },
      fields: { id: { internal: true, reason: "Row id" }, key: { internal: true, reason: "Key" }, when: { internal: true, reason: "When" } },
    };
    const env = { SHOP_URL: t.url };
    const handles = { shop: { db: t.db, dialect: t.dialect } };
    const datamap = await loadDatamap({ text: JSON.stringify(shopMapObject([orders, users], "orders")), baseDir: dir }, env);
    const first = await checkDatamap(datamap, { env, handles });
    expect(first.problems).toEqual([]);
    const statements = first.warnings.flatMap((w) => w.message.match(/(ALTER TABLE|CREATE INDEX) [^;]*;/g) ?? []);
    // email, group, Select (lower() or, on MariaDB, its collation and index), user's digits, the two
    // long columns (index names cut to 63 characters, each its own), user.key.
    expect(first.warnings.length).toBe(7);
    expect(statements.length).toBe(t.dialect === "mysql" ? 9 : 7);
    for (const statement of statements) await sql.raw(statement).execute(t.db);
    const after = await checkDatamap(datamap, { env, handles });
    expect(after.problems).toEqual([]);
    expect(after.warnings).toEqual([]);
  });
});

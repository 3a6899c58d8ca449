import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { DatamapError, formatIssuePath } from "../../../server/datamap/datamap-error";
import { loadDatamap } from "../../../server/datamap/load-datamap";
import { parseEnv } from "../../../server/env";
import { resolveDatamapPath } from "../../../server/datamap/resolve-datamap-path";

// The map the portal uses with nothing configured: the demo business.
const DEFAULT_DATAMAP_PATH = resolveDatamapPath(parseEnv({}));

const label = (en: string) => ({ en, es: `${en} (es)` });
const ENV = { APP_DB_URL: "sqlite::memory:" };

/** A small valid map: one sql source with a users table and an events table. */
function baseMap(): any {
  return {
    version: 1,
    business: { name: "Acme", legalName: "Acme Inc.", contactEmail: "privacy@acme.example", privacyPolicyUrl: "https://acme.example/privacy", requestMethods: [{ kind: "email", value: "privacy@acme.example" }] },
    identity: { source: "app", dataset: "users", fields: { email: "email", phone: "phone" } },
    sources: [
      {
        id: "app", kind: "sql", label: label("App"), connection: { urlEnv: "APP_DB_URL" },
        sourceCategories: ["consumer"], purposes: ["performing_services"], recipients: { businessPurpose: ["cloud_hosting"], sold: [], shared: [] },
        datasets: [
          {
            id: "users", label: label("Users"), table: "users", primaryKey: "id", timeField: "created_at",
            lookups: [{ column: "email", identifier: "email" }], yields: [{ column: "id", identifier: "user_id" }],
            fields: {
              id: { label: label("Id"), categories: ["A"] },
              email: { label: label("E-mail"), categories: ["A"] },
              phone: { label: label("Phone"), categories: ["A", "B"] },
              ssn: { label: label("SSN"), categories: ["A", "B", "L"], neverDisclose: "ssn" },
              created_at: { label: label("Created"), categories: ["D"] },
            },
          },
          {
            id: "events", label: label("Events"), table: "events", primaryKey: "id", timeField: "at",
            lookups: [{ column: "user_id", identifier: "user_id" }],
            fields: { id: { internal: true, reason: "row number" }, user_id: { internal: true, reason: "link" }, at: { label: label("At"), categories: ["F"] } },
          },
        ],
      },
    ],
  };
}

async function problems(map: unknown, env: Record<string, string> = ENV): Promise<string[]> {
  try {
    await loadDatamap({ text: JSON.stringify(map), baseDir: "." }, env);
  } catch (error) {
    if (error instanceof DatamapError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe("loadDatamap", () => {
  it("[DATAMAP]: accepts a valid map, in YAML or JSON, and resolves the catalog", async () => {
    const fromJson = await loadDatamap({ text: JSON.stringify(baseMap()), baseDir: "/srv" }, ENV);
    const fromYaml = await loadDatamap({ text: stringify(baseMap()), baseDir: "/srv" }, ENV);
    expect(fromYaml.map).toEqual(fromJson.map);
    expect(fromJson.baseDir).toBe(path.resolve("/srv"));
    expect(fromJson.catalog.purposes.get("performing_services")?.label.en).toMatch(/^Providing our services/);
    expect(fromJson.catalog.identifiers.get("account_id")?.scope).toBe("group");
  });

  it("[DATAMAP]: the demo business's map is valid", async () => {
    const loaded = await loadDatamap({ file: DEFAULT_DATAMAP_PATH }, { DEMO_SOURCE_URL: "sqlite::memory:", DEMO_FILES_DIR: "/nonexistent" });
    expect(loaded.map.sources.map((s) => [s.id, s.kind, s.datasets.length])).toEqual([["parlay_app", "sql", 18], ["parlay_files", "files", 0], ["legacy_crm", "file", 1]]);
    expect(loaded.file).toBe(path.resolve(DEFAULT_DATAMAP_PATH));
  });

  it("[DATAMAP]: names the place of an unknown category letter", async () => {
    const map = baseMap();
    map.sources[0].datasets[0].fields.ssn.categories = ["A", "Q"];
    expect(await problems(map)).toEqual(['sources[0].datasets[0].fields.ssn.categories[1]: unknown category "Q" (use A-L, Civ. Code 1798.140(v)(1))']);
  });

  it("[DATAMAP]: reports every problem at once, schema problems first", async () => {
    const map = baseMap();
    map.sources[0].datasets[0].fields.email.categories = [];
    map.identity.maxDepth = 99;
    map.business.contactEmail = "not an address";
    const found = await problems(map);
    expect(found).toHaveLength(3);
    expect(found.map((p) => p.split(":")[0])).toEqual(["business.contactEmail", "identity.maxDepth", "sources[0].datasets[0].fields.email.categories"]);
    map.sources[0].kind = "ftp";
    expect(await problems(map)).toContain('sources[0].kind: kind must be one of sql, http, file, files, not the text "ftp"');
  });

  it("[DATAMAP]: names a missing environment variable, and never asks for a secret inline", async () => {
    expect(await problems(baseMap(), {})).toEqual(["sources[0].connection.urlEnv: environment variable APP_DB_URL is not set"]);
    const inline = baseMap();
    inline.sources[0].connection = { url: "mysql://root:hunter2@db/app" };
    const found = await problems(inline);
    expect(found[0]).toMatch(/^sources\[0\]\.connection/);
    expect(found.join("\n")).not.toContain("hunter2");
  });

  it("[DATAMAP]: names an unknown identifier type in a lookup, a yield or an owner", async () => {
    const map = baseMap();
    map.sources[0].datasets[0].lookups[0].identifier = "emial";
    map.sources[0].datasets[0].yields[0].identifier = "usr_id";
    map.sources[0].datasets[1].owners = [{ column: "user_id", identifier: "account_id" }];
    expect(await problems(map)).toEqual([
      'sources[0].datasets[0].lookups[0].identifier: unknown identifier type "emial"',
      'sources[0].datasets[0].yields[0].identifier: unknown identifier type "usr_id"',
      'sources[0].datasets[1].owners[0].identifier: owners must be person identifiers; "account_id" names a group',
    ]);
  });

  it("[DATAMAP]: refuses to find, link or date records by a never-disclose value (11 CCR 7024(d))", async () => {
    const map = baseMap();
    map.sources[0].datasets[0].lookups.push({ column: "ssn", identifier: "customer_number" });
    map.identity.fields.customerNumber = "ssn";
    const found = await problems(map);
    expect(found).toContain('sources[0].datasets[0].lookups[1].column: lookup column "ssn" is a never-disclose field: its value is never read (11 CCR 7024(d))');
    expect(found).toContain('identity.fields.customerNumber: "ssn" cannot be matched against (never-disclose or read from another table)');
  });

  it("[DATAMAP]: a field needs a label and categories, or internal with a reason; sensitive agrees with L", async () => {
    const map = baseMap();
    const fields = map.sources[0].datasets[0].fields;
    fields.phone = { categories: ["A"] };
    fields.created_at = { internal: true };
    fields.email.sensitive = true;
    fields.ssn.internal = true;
    fields.ssn.reason = "hidden";
    expect(await problems(map)).toEqual([
      "sources[0].datasets[0].fields.email.sensitive: sensitive personal information belongs in category L (1798.140(ae)); add L",
      "sources[0].datasets[0].fields.phone.label: a disclosed field needs a label {en, es}",
      "sources[0].datasets[0].fields.ssn.internal: a never-disclose field cannot be internal: the consumer must be told the type was collected (11 CCR 7024(d))",
      "sources[0].datasets[0].fields.created_at.reason: an internal field needs a reason (why it is left out of the disclosure)",
    ]);
  });

  it("[DATAMAP]: references must name declared fields, datasets and catalog codes", async () => {
    const map = baseMap();
    map.sources[0].datasets[1].timeField = "occurred_at";
    map.sources[0].datasets[1].purposes = ["world_domination"];
    map.sources[0].recipients.sold = ["data_broker"];
    map.identity.dataset = "people";
    expect(await problems(map)).toEqual([
      'sources[0].recipients.sold[0]: unknown recipient category "data_broker"',
      'sources[0].datasets[1].timeField: time field "occurred_at" is not a declared field',
      'sources[0].datasets[1].purposes[0]: unknown purpose "world_domination"',
      'identity.dataset: unknown dataset "people" in source "app"',
    ]);
  });

  it("[DATAMAP]: a column whose name is not a plain SQL name says how to map it: through a view that renames it", async () => {
    const map = baseMap();
    map.sources[0].datasets[1].fields["Order Date"] = { label: label("Order date"), categories: ["D"] };
    expect(await problems(map)).toEqual([
      'sources[0].datasets[1].fields["Order Date"]: "Order Date" is not a plain column name (letters, digits and _): read the table through a view that renames it, e.g. SELECT "Order Date" AS order_date, ..., and declare the view as the dataset and the table in ignoredTables',
    ]);
  });

  it("[DATAMAP]: duplicate ids and tables, and redefined built-in codes, are refused", async () => {
    const map = baseMap();
    map.sources[0].datasets[1].id = "users";
    map.sources[0].datasets[1].table = "users";
    map.catalog = { purposes: [{ code: "security", label: label("Security") }, { code: "events", label: label("Events") }, { code: "events", label: label("Events") }] };
    expect(await problems(map)).toEqual([
      'catalog.purposes[0].code: "security" is a built-in code; use it without redefining it',
      'catalog.purposes[2].code: duplicate code "events"',
      'sources[0].datasets[1].id: duplicate dataset id "users" in source "app"',
      'sources[0].datasets[1].table: table "users" is already declared by datasets[0]',
    ]);
  });

  it("[X21]: a dataset found by a group identifier may not lead to person identifiers", async () => {
    const map = baseMap();
    map.sources[0].datasets[1].lookups = [{ column: "user_id", identifier: "account_id" }];
    map.sources[0].datasets[1].yields = [{ column: "user_id", identifier: "user_id" }];
    expect(await problems(map)).toEqual([
      'sources[0].datasets[1].yields[0].identifier: found by a group identifier, so it cannot yield the person identifier "user_id" (it would reach other people\'s records, 1798.145(k))',
    ]);
  });

  it("[DATAMAP]: a dataset that can never be searched must say why it is excluded (X26)", async () => {
    const map = baseMap();
    map.sources[0].datasets[1].lookups = [];
    expect(await problems(map)).toEqual(["sources[0].datasets[1].lookups: no lookups: the dataset could never be searched; add one, or mark the dataset excluded with a reason"]);
    map.sources[0].datasets[1].excluded = { reason: label("Aggregated; cannot be linked to a person") };
    expect(await problems(map)).toEqual([]);
  });

  it("[DATAMAP]: http and file datasets: placeholders, relative URLs and paths", async () => {
    const map = baseMap();
    const common = { sourceCategories: ["consumer"], purposes: ["performing_services"], recipients: {} };
    map.sources.push(
      {
        id: "crm", kind: "http", label: label("CRM"), connection: { urlEnv: "APP_DB_URL" }, ...common,
        datasets: [{ id: "contacts", label: label("Contacts"), timeField: null, request: { url: "https://evil.example/c?e={email}", records: "data" }, lookups: [{ column: "email", identifier: "email" }, { column: "id", identifier: "user_id" }], fields: { email: { label: label("E"), categories: ["A"] }, id: { label: label("Id"), categories: ["A"] } } }],
      },
      {
        id: "files", kind: "file", label: label("Files"), connection: { dir: "exports" }, ...common,
        datasets: [{ id: "dump", label: label("Dump"), timeField: null, file: { path: "../../etc/passwd", format: "csv" }, lookups: [{ column: "email", identifier: "email" }], fields: { email: { label: label("E"), categories: ["A"] } } }],
      },
    );
    expect(await problems(map)).toEqual([
      "sources[1].datasets[0].lookups[0].url: the url must be a path relative to the source URL, starting with /",
      "sources[1].datasets[0].lookups[1].column: the url must contain exactly one placeholder, {user_id}",
      'sources[1].datasets[0].request.records: must be a JSON pointer ("" or starting with /)',
      "sources[2].datasets[0].file.path: must be relative to the source directory, without ..",
    ]);
  });

  it("[DATAMAP]: a YAML syntax error names the line; an unreadable file names the file", async () => {
    await expect(loadDatamap({ text: "version: 1\nbusiness: [unclosed\n", baseDir: "." }, ENV)).rejects.toThrow(/line \d+, column \d+/);
    await expect(loadDatamap({ file: "/nonexistent/map.yaml" }, ENV)).rejects.toThrow(/cannot read \/nonexistent\/map\.yaml \(ENOENT\)/);
  });

  it("[DATAMAP]: paths with odd keys are quoted so they can be searched for", () => {
    expect(formatIssuePath(["sources", 0, "datasets", 1, "fields", "First Name", "label"])).toBe('sources[0].datasets[1].fields["First Name"].label');
    expect(formatIssuePath([])).toBe("(top level)");
  });

  it("[DATAMAP]: the demo map declares a field for every column it reads (no duplicate dataset tables)", () => {
    const text = fs.readFileSync(DEFAULT_DATAMAP_PATH, "utf8");
    expect(text).toContain("yaml-language-server: $schema=../../../docs/data-map.schema.json");
  });
});

import { describe, expect, it } from "vitest";
import { DatamapError, type DatamapIssue } from "../../../server/datamap/datamap-error";
import { loadDatamap } from "../../../server/datamap/load-datamap";

// Issue 14.8: a new engineer mapping a schema from scratch (a store's invoices and their lines)
// makes five kinds of mistake at once; each comes back as one sentence naming its line and column.
const MAP = `version: 1
business:
  name: Music Store
  legalName: Music Store LLC
  contactEmail: privacy@store.example
  privacyPolicyUrl: https://store.example/privacy
  requestMethods: [{ kind: email, value: privacy@store.example }]
identity: { source: shop, dataset: customers, fields: { email: email } }
sources:
  - id: shop
    kind: sql
    label: { en: Shop, es: Tienda }
    connection: { urlEnv: SHOP_DB_URL }
    sourceCategories: [consumer]
    purposes: [performing_services]
    recipients: { businessPurpose: [cloud_hosting] }
    datasets:
      - id: customers
        label: { en: Customers, es: Clientes }
        table: customers
        primaryKey: id
        timeField: null
        lookups: [{ column: email, identifier: email }]
        fields:
          id: { internal: true, reason: row number }
          email: { label: { en: E-mail, es: Correo }, categories: [A] }
      - id: invoices
        label: { en: Invoices, es: Facturas }
        table: invoices
        timeField: invoice_date
        Total: { label: { en: Total, es: Total }, categories: [D] }
        fields:
          invoice_date: { label: { en: Date, es: Fecha }, categories: [D] }
      - id: lines
        label: Invoice lines
        table: invoice_lines
        primaryKey: id
        timeField: null
        urlEnv: LINES_URL
        fields:
          qty: { label: { en: Quantity, es: Cantidad }, category: [D] }
`;

async function issuesOf(text: string): Promise<DatamapIssue[]> {
  try {
    await loadDatamap({ text, baseDir: "." }, { SHOP_DB_URL: "sqlite::memory:" });
  } catch (error) {
    if (error instanceof DatamapError) return [...error.issues];
    throw error;
  }
  return [];
}

describe("data map messages", () => {
  it("[DATAMAP]: five kinds of mistake, each one plain sentence with its line and column, no validator text", async () => {
    const found = (await issuesOf(MAP)).map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "27:9 sources[0].datasets[1]: datasets[1] (invoices) needs primaryKey: the column that identifies a row, or a list of the columns of a composite key",
        '31:9 sources[0].datasets[1].Total: "Total" looks like a column: put it under fields:',
        "35:16 sources[0].datasets[2].label: label must be a mapping (key: value lines) (a plain-language name in English and Spanish: { en: ..., es: ... }), not the text \"Invoice lines\"",
        '39:9 sources[0].datasets[2].urlEnv: "urlEnv" does not belong in a dataset (an entry of datasets:): it belongs in a source\'s connection:',
        '41:57 sources[0].datasets[2].fields.qty.category: unknown key "category": did you mean categories:?',
      ]),
    );
    const text = found.join("\n");
    expect(text).not.toMatch(/Invalid input|expected string|received undefined|Unrecognized key/);
  });

  it("[DATAMAP]: a wrong kind and a bad code name the choices and what was written", async () => {
    const found = await issuesOf(MAP.replace("kind: sql", "kind: postgres").replace("id: customers", "id: Customers"));
    expect(found.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`)).toEqual(
      expect.arrayContaining(['11:11 sources[0].kind: kind must be one of sql, http, file, files, not the text "postgres"']),
    );
  });

  it("[DATAMAP]: YAML that does not parse names the line, not a path", async () => {
    const found = await issuesOf(MAP.replace("    kind: sql\n", "    kind: sql\n  bad indent: [\n"));
    expect(found[0]?.path).toMatch(/^line \d+, column \d+$/);
  });
});

import type { Dataset, Field } from "./dataset-schema";
import { issueAt, type DatamapIssue, type IssuePath } from "./datamap-error";
import type { Source } from "./datamap-schema";
import { checkCatalogCodes, type ResolvedCatalog } from "./resolve-catalog";

export const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** A table, optionally in a schema ("sales.invoices": PostgreSQL schemas other than public). */
export const SQL_TABLE = /^(?:[A-Za-z_][A-Za-z0-9_]{0,63}\.)?[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

/**
 * The rules of one dataset that a schema cannot express: every reference names a declared field,
 * never-disclose fields are never read for matching (their values do not leave the connector:
 * 11 CCR 7024(d)), and a group identifier never leads to another person's rows (1798.145(k)).
 */
export function crossCheckDataset(source: Source, dataset: Dataset, at: IssuePath, catalog: ResolvedCatalog): DatamapIssue[] {
  const issues: DatamapIssue[] = [];
  const add = (path: IssuePath, message: string) => issues.push(issueAt([...at, ...path], message));
  const fields = dataset.fields as Record<string, Field>;

  /** A column used to find, link or date records: declared, real (not `from`), and readable. */
  const readable = (path: IssuePath, column: string | null | undefined, role: string, fromAllowed = false) => {
    if (column === null || column === undefined) return;
    const field = fields[column];
    if (!field) add(path, `${role} "${column}" is not a declared field`);
    else if (field.neverDisclose) add(path, `${role} "${column}" is a never-disclose field: its value is never read (11 CCR 7024(d))`);
    else if (field.from && !fromAllowed) add(path, `${role} "${column}" is read from another table and cannot be used here`);
  };

  for (const [name, field] of Object.entries(fields)) checkField(source, name, field, fields, catalog, (p, m) => add(["fields", name, ...p], m));
  if (!dataset.excluded && (dataset.lookups ?? []).length === 0) {
    add(["lookups"], "no lookups: the dataset could never be searched; add one, or mark the dataset excluded with a reason");
  }
  const scopes = new Set<string>();
  (dataset.lookups ?? []).forEach((lookup, i) => {
    readable(["lookups", i, "column"], lookup.column, "lookup column");
    const entry = catalog.identifiers.get(lookup.identifier);
    if (!entry) add(["lookups", i, "identifier"], `unknown identifier type "${lookup.identifier}"`);
    else scopes.add(entry.scope);
    if (source.kind === "http") {
      const url = lookup.url ?? ("request" in dataset ? dataset.request.url : undefined);
      const names = [...(url ?? "").matchAll(PLACEHOLDER)].map((m) => m[1]);
      if (!url) add(["lookups", i], "an http lookup needs a url (here or in request.url)");
      else if (names.length !== 1 || names[0] !== lookup.identifier) add(["lookups", i, lookup.url ? "url" : "column"], `the url must contain exactly one placeholder, {${lookup.identifier}}`);
      else if (!url.startsWith("/")) add(["lookups", i, "url"], "the url must be a path relative to the source URL, starting with /");
    } else if (lookup.url) add(["lookups", i, "url"], "url applies to http datasets only");
  });
  (dataset.yields ?? []).forEach((ref, i) => {
    readable(["yields", i, "column"], ref.column, "yield column");
    const entry = catalog.identifiers.get(ref.identifier);
    if (!entry) add(["yields", i, "identifier"], `unknown identifier type "${ref.identifier}"`);
    else if (entry.scope === "person" && scopes.has("group")) {
      add(["yields", i, "identifier"], `found by a group identifier, so it cannot yield the person identifier "${ref.identifier}" (it would reach other people's records, 1798.145(k))`);
    }
  });
  (dataset.owners ?? []).forEach((ref, i) => {
    readable(["owners", i, "column"], ref.column, "owner column");
    const entry = catalog.identifiers.get(ref.identifier);
    if (!entry) add(["owners", i, "identifier"], `unknown identifier type "${ref.identifier}"`);
    else if (entry.scope !== "person") add(["owners", i, "identifier"], `owners must be person identifiers; "${ref.identifier}" names a group`);
  });
  // A composite key (an order line: its order and its line number) names each of its columns.
  if (Array.isArray(dataset.primaryKey)) dataset.primaryKey.forEach((column, i) => readable(["primaryKey", i], column, "primary key"));
  else readable(["primaryKey"], dataset.primaryKey, "primary key");
  // A time may be read from another table: a child row (an invoice line) dated by its parent (ADR 025).
  readable(["timeField"], dataset.timeField, "time field", true);
  readable(["timeEndField"], dataset.timeEndField, "time end field", true);
  if (dataset.timeEndField && !dataset.timeField) add(["timeEndField"], "needs a timeField");
  if (dataset.stillHeld && !dataset.timeField) add(["stillHeld"], "needs a timeField: the time the record was first held");
  if (dataset.stillHeld && dataset.timeEndField) add(["stillHeld"], "says the record has no end, but timeEndField names one: keep one of the two");
  for (const issue of checkCatalogCodes(dataset, catalog)) add(issue.path, issue.message);
  if ("table" in dataset && !SQL_TABLE.test(dataset.table)) add(["table"], `"${dataset.table}" is not a plain table name (table or schema.table)`);
  if ("file" in dataset) {
    const parts = dataset.file.path.split(/[\\/]/);
    if (dataset.file.path.startsWith("/") || parts.includes("..")) add(["file", "path"], "must be relative to the source directory, without ..");
  }
  if ("request" in dataset) {
    const pointers: [IssuePath, string | undefined][] = [[["request", "records"], dataset.request.records], [["request", "pagination", "next"], dataset.request.pagination?.next]];
    for (const [path, pointer] of pointers) if (pointer && !pointer.startsWith("/")) add(path, "must be a JSON pointer (\"\" or starting with /)");
  }
  return issues;
}

function checkField(source: Source, name: string, field: Field, fields: Record<string, Field>, catalog: ResolvedCatalog, add: (path: IssuePath, message: string) => void): void {
  if (source.kind === "sql" && !SQL_NAME.test(name)) add([], `"${name}" is not a plain column name (letters, digits and _): read the table through a view that renames it, e.g. SELECT "${name}" AS ${name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^(?=\d)/, "_").toLowerCase()}, ..., and declare the view as the dataset and the table in ignoredTables`);
  if (field.internal) {
    if (!field.reason) add(["reason"], "an internal field needs a reason (why it is left out of the disclosure)");
    if (field.neverDisclose) add(["internal"], "a never-disclose field cannot be internal: the consumer must be told the type was collected (11 CCR 7024(d))");
  } else {
    if (!field.label) add(["label"], "a disclosed field needs a label {en, es}");
    if (!field.categories) add(["categories"], "a disclosed field needs at least one category (A-L)");
    if (field.reason) add(["reason"], "reason applies to internal fields only");
  }
  // Per-field practices (a field's own purposes and recipients, R24 per category): known codes, disclosed fields only.
  for (const issue of checkCatalogCodes(field, catalog)) add(issue.path, issue.message);
  const overrides = (["sourceCategories", "purposes", "recipients", "values", "format"] as const).filter((key) => field[key] !== undefined);
  if (field.internal && overrides.length > 0) add([overrides[0]!], "applies to disclosed fields only");
  if (field.neverDisclose && (field.values || field.format)) add([field.values ? "values" : "format"], "a never-disclose field shows no value, so it takes no value labels or format (11 CCR 7024(d))");
  if (field.currency && field.format !== "money_cents") add(["currency"], "currency applies to format money_cents only");
  const hasL = field.categories?.includes("L") ?? false;
  if (field.sensitive === true && !hasL) add(["sensitive"], "sensitive personal information belongs in category L (1798.140(ae)); add L");
  if (field.sensitive === false && hasL) add(["sensitive"], "category L is sensitive personal information; remove sensitive: false");
  const byColumn = typeof field.neverDisclose === "object" ? field.neverDisclose.byColumn : undefined;
  if (byColumn && (!fields[byColumn] || fields[byColumn]!.neverDisclose)) add(["neverDisclose", "byColumn"], `"${byColumn}" must be a declared field that is not never-disclose`);
  if (field.pointer !== undefined && source.kind === "sql") add(["pointer"], "pointer applies to http and ndjson datasets only");
  if (field.pointer !== undefined && !field.pointer.startsWith("/")) add(["pointer"], "must be a JSON pointer starting with /");
  if (field.from) {
    if (source.kind !== "sql") add(["from"], "from applies to sql datasets only");
    const via = fields[field.from.via];
    if (!via || via.from || via.neverDisclose) add(["from", "via"], `"${field.from.via}" must be a declared, readable column of this table`);
    for (const key of ["table", "key", "column"] as const) if (!(key === "table" ? SQL_TABLE : SQL_NAME).test(field.from[key])) add(["from", key], "is not a plain SQL name");
  }
}

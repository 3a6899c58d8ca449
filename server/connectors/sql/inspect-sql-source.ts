import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Field } from "../../datamap/dataset-schema";
import type { SqlSource } from "../../datamap/datamap-schema";
import type { DriftIssue } from "../connector-types";

/**
 * Compares a sql source's declaration with the live schema (Kysely introspection): every declared
 * table and column exists, and every live table and column is declared, or the table is listed in
 * ignoredTables with a reason. Undeclared data would be silently missing from disclosures (1798.110
 * requires all of it), and a missing column would fail mid-collection. Paths are relative to the source.
 * `derived` ("table.column") are columns computed from declared ones, e.g. a generated digits column (ADR 051).
 */
export async function inspectSqlSource(db: Kysely<any>, source: SqlSource, derived: ReadonlySet<string> = new Set()): Promise<DriftIssue[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // PostgreSQL: every schema the user may read, "schema.table" outside public (the form a map
  // writes); MySQL's introspection sees the connection's database only, SQLite has no schemas.
  const nameOf = (schema: string | undefined, table: string) => (postgres && schema && schema !== "public" ? `${schema}.${table}` : table);
  const tables = await db.introspection.getTables();
  const live = new Map(tables.map((t) => [nameOf(t.schema, t.name), new Set(t.columns.map((c) => c.name))]));
  // A view holds no data of its own (its tables are declared or ignored): it may be a dataset, need not be one.
  const views = new Set(tables.filter((t) => t.isView).map((t) => nameOf(t.schema, t.name)));
  if (postgres) {
    for (const relation of await readPostgresRelations(db)) {
      const name = nameOf(relation.schema, relation.name);
      // A materialized view, which introspection leaves out, is read like a view; a partition's
      // rows are its partitioned table's, declared once as that table (it may still be named).
      if (relation.kind === "m") live.set(name, new Set(relation.columns));
      views.add(name);
    }
  }
  const named = (table: string) => (postgres && table.startsWith("public.") ? table.slice("public.".length) : table);
  const issues: DriftIssue[] = [];
  const declared = new Set<string>();

  source.datasets.forEach((dataset, di) => {
    declared.add(named(dataset.table));
    const columns = live.get(named(dataset.table));
    if (!columns) {
      issues.push({ path: ["datasets", di, "table"], message: `table "${dataset.table}" does not exist in the source` });
      return;
    }
    const fields = dataset.fields as Record<string, Field>;
    for (const [name, field] of Object.entries(fields)) {
      if (field.from) {
        const { table, key, column } = field.from;
        const other = live.get(named(table));
        if (!other) issues.push({ path: ["datasets", di, "fields", name, "from", "table"], message: `table "${table}" does not exist in the source` });
        else for (const c of [key, column]) if (!other.has(c)) issues.push({ path: ["datasets", di, "fields", name, "from"], message: `column "${c}" does not exist in table "${table}"` });
        continue;
      }
      if (!columns.has(name)) issues.push({ path: ["datasets", di, "fields", name], message: `column "${name}" does not exist in table "${dataset.table}"` });
    }
    for (const column of columns) {
      if (!fields[column] && !derived.has(`${dataset.table}.${column}`)) {
        issues.push({
          path: ["datasets", di, "fields"],
          message: `column "${column}" of table "${dataset.table}" is not declared (declare it, or mark it internal with a reason)`,
        });
      }
    }
  });

  const ignored = new Set<string>();
  source.ignoredTables?.forEach((entry, i) => {
    ignored.add(named(entry.table));
    if (!live.has(named(entry.table))) issues.push({ path: ["ignoredTables", i, "table"], message: `table "${entry.table}" does not exist in the source` });
  });
  for (const table of live.keys()) {
    if (!declared.has(table) && !ignored.has(table) && !views.has(table)) {
      issues.push({ path: ["datasets"], message: `table "${table}" is not declared (declare it as a dataset, or list it in ignoredTables with a reason)` });
    }
  }
  return issues;
}

/**
 * PostgreSQL relations Kysely's introspection does not describe as a business holds them:
 * materialized views (left out) and partitions (listed as tables of their own).
 */
async function readPostgresRelations(db: Kysely<any>): Promise<{ schema: string; name: string; kind: string; columns: string[] }[]> {
  const { rows } = await sql<{ schema: string; name: string; kind: string; columns: string[] }>`
    select n.nspname as schema, c.relname as name, c.relkind::text as kind,
           array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where (c.relkind = 'm' or c.relispartition) and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'`.execute(db);
  return rows;
}

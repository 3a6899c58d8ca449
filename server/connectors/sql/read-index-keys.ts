import { sql, type Kysely } from "kysely";
import type { DialectName } from "../../../db/client";

/**
 * The leading key of every index of the source's tables, by table, in a normalized form
 * ("email", "lower(email)", "replace(replace(phone,' ',''),...)"): a lookup is served by an index
 * whose first key is exactly what the lookup compares (ADR 024). Partial indexes are left out: they
 * answer only some rows. SQLite's rowid primary key counts as an index on its column.
 */
export async function readIndexKeys(db: Kysely<any>, dialect: DialectName): Promise<Map<string, Set<string>>> {
  const keys = new Map<string, Set<string>>();
  const add = (table: string, key: string) => (keys.get(table) ?? keys.set(table, new Set()).get(table)!).add(normalizeSqlExpression(key));
  if (dialect === "sqlite") {
    const { rows: tables } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    for (const { name } of tables) {
      const { rows: info } = await sql<{ name: string; type: string; pk: number }>`select name, type, pk from pragma_table_info(${name})`.execute(db);
      const pk = info.filter((c) => c.pk > 0);
      if (pk.length === 1 && pk[0]!.type.toUpperCase() === "INTEGER") add(name, pk[0]!.name);
      const { rows: indexes } = await sql<{ name: string; partial: number }>`select name, partial from pragma_index_list(${name})`.execute(db);
      for (const index of indexes) {
        if (index.partial) continue;
        const { rows: cols } = await sql<{ cid: number; name: string | null }>`select cid, name from pragma_index_xinfo(${index.name}) where seqno = 0`.execute(db);
        const first = cols[0];
        if (!first) continue;
        if (first.cid >= 0 && first.name) add(name, first.name);
        else if (first.cid === -2) {
          const { rows: def } = await sql<{ sql: string | null }>`select sql from sqlite_master where type = 'index' and name = ${index.name}`.execute(db);
          const expression = firstIndexTerm(def[0]?.sql ?? "");
          if (expression) add(name, expression);
        }
      }
    }
  } else if (dialect === "mysql") {
    const { rows } = await sql<{ t: string; c: string | null }>`
      select table_name as t, column_name as c from information_schema.statistics
      where table_schema = database() and seq_in_index = 1`.execute(db);
    for (const r of rows) if (r.c) add(r.t, r.c);
  } else {
    // PostgreSQL: pg_get_indexdef(index, 1, true) is the first key alone, e.g. "lower(email::text)".
    // A map names a table "invoices" (the search path's schema) or "sales.invoices": both are keys.
    const { rows } = await sql<{ s: string; t: string; k: string; current: boolean }>`
      select n.nspname as s, c.relname as t, pg_get_indexdef(i.indexrelid, 1, true) as k, n.nspname = current_schema() as current
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      where i.indpred is null and n.nspname not in ('pg_catalog', 'information_schema')`.execute(db);
    for (const r of rows) {
      add(`${r.s}.${r.t}`, r.k);
      if (r.current) add(r.t, r.k);
    }
  }
  return keys;
}

/** The first indexed term of a CREATE INDEX statement: "lower(email)" of "... ON t (lower(email), x)". */
function firstIndexTerm(statement: string): string | null {
  const open = statement.search(/\bon\s+\S+\s*\(/i);
  if (open < 0) return null;
  let i = statement.indexOf("(", open);
  const start = ++i;
  let depth = 0;
  let quoted = false;
  for (; i < statement.length; i++) {
    const ch = statement[i];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === "(") depth++;
    else if (ch === ")" && depth-- === 0) break;
    else if (ch === "," && depth === 0) break;
  }
  return statement.slice(start, i).replace(/\s+(asc|desc|collate\s+\w+)\s*$/i, "").trim();
}

/**
 * One spelling for equal expressions across dialects: no whitespace, identifier quotes or type
 * casts outside string literals, lower case, and no parentheses around a bare name.
 *
 * @example normalizeSqlExpression('lower((email)::text)') // "lower(email)"
 */
export function normalizeSqlExpression(expression: string): string {
  let out = "";
  let quoted = false;
  for (const ch of expression) {
    if (ch === "'") quoted = !quoted;
    if (quoted || ch === "'") out += ch;
    else if (!/[\s"`]/.test(ch)) out += ch.toLowerCase();
  }
  out = out.replace(/::(text|charactervarying|varchar|bpchar)/g, "");
  for (let before = ""; before !== out; ) {
    before = out;
    out = out.replace(/(^|[^\w])\((\w+)\)/g, "$1$2");
  }
  // A qualified column ("users"."email") is the same key as the bare name.
  return out.replace(/\b\w+\.(\w+)\b/g, "$1");
}

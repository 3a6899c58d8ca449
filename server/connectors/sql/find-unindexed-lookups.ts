import type { Kysely } from "kysely";
import type { DialectName } from "../../../db/client";
import type { Field } from "../../datamap/dataset-schema";
import type { SqlSource } from "../../datamap/datamap-schema";
import type { DriftIssue } from "../connector-types";
import { PHONE_PUNCTUATION } from "./build-dataset-query";
import { normalizeSqlExpression, readIndexKeys } from "./read-index-keys";
import { readMysqlColumnFacts, type MysqlColumnFacts } from "./read-sql-columns";

/**
 * Every lookup column (and every `from` key) that no index serves, with the exact statement that
 * would serve it on this dialect (ADR 024). A lookup without an index reads the whole table for
 * every request, so collection cost would grow with the business rather than the person (DESIGN.md
 * §4). These are warnings: the map is still right, only slow.
 */
export async function findUnindexedLookups(db: Kysely<any>, dialect: DialectName, source: SqlSource): Promise<DriftIssue[]> {
  const keys = await readIndexKeys(db, dialect);
  const facts = await readMysqlColumnFacts(db, dialect);
  const warnings: DriftIssue[] = [];
  const served = (table: string, key: string) => keys.get(table)?.has(normalizeSqlExpression(key)) ?? false;
  source.datasets.forEach((dataset, di) => {
    if (dataset.excluded) return;
    const t = dataset.table;
    (dataset.lookups ?? []).forEach((lookup, li) => {
      const c = lookup.column;
      const match = lookup.match ?? "exact";
      const statement = proposal(dialect, t, c, match, facts.get(`${t}.${c}`), served(t, c));
      if (statement) warnings.push({ path: ["datasets", di, "lookups", li, "column"], message: `no index serves the ${match} lookup on "${t}.${c}": every request reads the whole table. ${statement}` });
    });
    for (const [name, field] of Object.entries(dataset.fields as Record<string, Field>)) {
      if (!field.from || served(field.from.table, field.from.key)) continue;
      const { table, key } = field.from;
      warnings.push({ path: ["datasets", di, "fields", name, "from", "key"], message: `no index serves "${table}.${key}", read for every row: CREATE INDEX ${n(table)}_${key}_idx ON ${table} (${key});` });
    }
  });
  return warnings;

  function proposal(d: DialectName, t: string, c: string, match: string, fact: MysqlColumnFacts | undefined, plain: boolean): string | null {
    if (match === "exact") return plain ? null : `CREATE INDEX ${n(t)}_${c}_idx ON ${t} (${c});`;
    if (match === "digits") {
      const expression = digitsSql(c);
      if (d !== "mysql") return served(t, expression) ? null : `CREATE INDEX ${n(t)}_${c}_digits_idx ON ${t} (${expression});`;
      return `CREATE INDEX ${n(t)}_${c}_digits_idx ON ${t} ((${expression})); (MySQL 8.0.13 or later; MariaDB cannot index an expression, so there this lookup reads the whole table.)`;
    }
    if (d !== "mysql") return served(t, `lower(${c})`) ? null : `CREATE INDEX ${n(t)}_${c}_lower_idx ON ${t} (lower(${c}));`;
    // MySQL/MariaDB: a case-insensitive collation lets the column's own index answer.
    const statements: string[] = [];
    if (fact && !fact.collation?.endsWith("_ci")) {
      const charset = fact.charset ?? "utf8mb4";
      statements.push(`ALTER TABLE ${t} MODIFY ${c} ${fact.columnType}${fact.nullable ? "" : " NOT NULL"} CHARACTER SET ${charset} COLLATE ${charset === "utf8mb4" ? "utf8mb4_unicode_ci" : `${charset}_general_ci`};`);
    }
    if (!plain) statements.push(`CREATE INDEX ${n(t)}_${c}_idx ON ${t} (${c});`);
    return statements.length ? statements.join(" ") : null;
  }
}

/** An index name from a table name that may be schema-qualified. */
const n = (table: string) => table.replace(/\./g, "_");

/** The digits expression `digits` lookups compare, as SQL text for a bare column name. */
export function digitsSql(column: string): string {
  return PHONE_PUNCTUATION.reduce((expression, ch) => `replace(${expression}, '${ch}', '')`, column);
}

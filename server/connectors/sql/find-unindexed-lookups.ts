import { createHash } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { DialectName } from "../../../db/client";
import type { Field } from "../../datamap/dataset-schema";
import type { SqlSource } from "../../datamap/datamap-schema";
import type { DriftIssue } from "../connector-types";
import { digitsSql } from "./build-dataset-query";
import { normalizeSqlExpression, readIndexKeys } from "./read-index-keys";
import { quoteSqlName } from "./quote-sql-name";
import { checkDigitsColumn, comparedAsText, digitsColumnName, readMysqlColumnFacts, readPostgresColumnTypes, type MysqlColumnFacts } from "./read-sql-columns";

export { digitsSql };

/** InnoDB keys hold at most 3,072 bytes: a utf8mb4 VARCHAR(768). */
const MAX_INDEXED_CHARS = 768;

/**
 * Every lookup column (and every `from` key) that no index serves, with the exact statement that
 * would serve it on this dialect (ADR 024). A lookup without an index reads the whole table for
 * every request, so collection cost would grow with the business rather than the person (DESIGN.md
 * §4). These are warnings: the map is still right, only slow.
 */
export async function findUnindexedLookups(db: Kysely<any>, dialect: DialectName, source: SqlSource): Promise<DriftIssue[]> {
  const keys = await readIndexKeys(db, dialect);
  const facts = await readMysqlColumnFacts(db, dialect);
  // PostgreSQL: the lookup columns' types: an integer or uuid column's index is on its text, as the lookup compares it; an enum's on the column.
  const pgTypes = await readPostgresColumnTypes(db, dialect, [...new Set(source.datasets.flatMap((d) => (d.lookups ?? []).map((l) => l.column)))]);
  const warnings: DriftIssue[] = [];
  const served = (table: string, key: string) => keys.get(table)?.has(normalizeSqlExpression(key)) ?? false;
  // Every name is written as the dialect must read it in the statements printed: a table `order`
  // or a column `group` quoted, and on PostgreSQL a mixed-case one too (crm.SupportTickets would
  // name crm.supporttickets).
  const q = (name: string) => quoteSqlName(dialect, name);
  const qt = (table: string) => table.split(".").map(q).join(".");
  if (dialect === "postgres") warnings.push(...(await findAsciiOnlyFolding(db, source, qt)));
  source.datasets.forEach((dataset, di) => {
    if (dataset.excluded) return;
    const t = dataset.table;
    (dataset.lookups ?? []).forEach((lookup, li) => {
      const c = lookup.column;
      const match = lookup.match ?? "exact";
      // An enum column's case_insensitive or digits lookup is made an exact one on its labels (open-sql-connector.ts).
      const compared = pgTypes.get(`${t}.${c}`)?.labels ? "exact" : match;
      const statement = proposal(dialect, t, c, compared, facts.get(`${t}.${c}`), served(t, c));
      if (statement) warnings.push({ path: ["datasets", di, "lookups", li, "column"], message: `no index serves the ${match} lookup on "${t}.${c}": every request reads the whole table. ${statement}` });
    });
    for (const [name, field] of Object.entries(dataset.fields as Record<string, Field>)) {
      if (!field.from || served(field.from.table, field.from.key)) continue;
      const { table, key } = field.from;
      warnings.push({ path: ["datasets", di, "fields", name, "from", "key"], message: `no index serves "${table}.${key}", read for every row: CREATE INDEX ${n(table, key, "idx")} ON ${qt(table)} (${q(key)});` });
    }
  });
  return warnings;

  /** The column as a lookup compares it: on PostgreSQL an integer or uuid column cast to text. */
  function asText(t: string, c: string): string {
    return comparedAsText(pgTypes.get(`${t}.${c}`)) ? `cast(${q(c)} as text)` : q(c);
  }

  function proposal(d: DialectName, t: string, c: string, match: string, fact: MysqlColumnFacts | undefined, plain: boolean): string | null {
    if (match === "exact") return plain ? null : `CREATE INDEX ${n(t, c, "idx")} ON ${qt(t)} (${q(c)});`;
    if (match === "digits") {
      const expression = digitsSql(c);
      if (d !== "mysql") return served(t, expression) ? null : `CREATE INDEX ${n(t, c, "digits_idx")} ON ${qt(t)} (${digitsSql(asText(t, c))});`;
      // MariaDB cannot index an expression (MySQL 8 can, but its index is not read here): an
      // indexed generated column holding the digits, which the connector compares instead (ADR 051).
      const helper = checkDigitsColumn(facts, t, c);
      if (helper && !helper.problem) return served(t, helper.name) ? null : `CREATE INDEX ${n(t, c, "digits_idx")} ON ${qt(t)} (${q(helper.name)});`;
      const unused = helper ? `Column "${helper.name}" is not used: ${helper.problem} (drop it first). ` : "";
      return unused + generatedDigitsColumn(t, c, fact, q);
    }
    // An index on lower(cast(c as text)) is read back as lower(c), as the normalized keys drop ::text.
    if (d !== "mysql") return served(t, `lower(${c})`) ? null : `CREATE INDEX ${n(t, c, "lower_idx")} ON ${qt(t)} (lower(${asText(t, c)}));`;
    // MySQL/MariaDB: a case-insensitive collation lets the column's own index answer.
    const statements: string[] = [];
    if (fact && !fact.collation?.endsWith("_ci")) {
      const charset = fact.charset ?? "utf8mb4";
      statements.push(`ALTER TABLE ${qt(t)} MODIFY ${q(c)} ${fact.columnType}${fact.nullable ? "" : " NOT NULL"} CHARACTER SET ${charset} COLLATE ${charset === "utf8mb4" ? "utf8mb4_unicode_ci" : `${charset}_general_ci`};`);
    }
    if (!plain) statements.push(`CREATE INDEX ${n(t, c, "idx")} ON ${qt(t)} (${q(c)});`);
    return statements.length ? statements.join(" ") : null;
  }
}

/**
 * An index name from a table name that may be schema-qualified, a column and a suffix: plain, so
 * bare on every dialect (it ends in _idx, no reserved word). Longer than 63 characters it is cut
 * and given a hash of the whole name: MariaDB refuses a name over 64, and PostgreSQL would cut two
 * long names to the same 63 and refuse the second index.
 */
function n(table: string, column: string, suffix: string): string {
  const name = `${table.replace(/\./g, "_")}_${column}_${suffix}`;
  if (name.length <= 63) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, 63 - suffix.length - 10)}_${hash}_${suffix}`;
}

/**
 * MySQL/MariaDB: the DDL of a virtual column generated from the digits expression, as long as the
 * column and under its collation (so it compares exactly as the expression does), and its index.
 * VIRTUAL: nothing is added to the rows; the index holds the values (MariaDB 10.2+, MySQL 5.7+).
 * Two statements, not one ALTER: the column alone is instant and the index alone is built without
 * blocking writes, while MariaDB 10.11 builds both in one ALTER only under LOCK=SHARED (ADR 051).
 */
function generatedDigitsColumn(t: string, c: string, fact: MysqlColumnFacts | undefined, q: (name: string) => string): string {
  const length = /^(var)?char\((\d+)\)/i.exec(fact?.columnType ?? "")?.[2];
  if (!fact?.charset || !fact.collation || !length || Number(length) > MAX_INDEXED_CHARS) {
    return `MariaDB cannot index an expression, and only a CHAR or VARCHAR column of at most ${MAX_INDEXED_CHARS} characters can have an indexed digits column (${c} is ${fact?.columnType ?? "unknown"}).`;
  }
  const name = digitsColumnName(c);
  const qt = t.split(".").map(q).join(".");
  return `ALTER TABLE ${qt} ADD COLUMN ${q(name)} VARCHAR(${length}) CHARACTER SET ${fact.charset} COLLATE ${fact.collation} GENERATED ALWAYS AS (${digitsSql(q(c))}) VIRTUAL; CREATE INDEX ${n(t, c, "digits_idx")} ON ${qt} (${q(name)});`;
}

/**
 * PostgreSQL: case_insensitive lookups whose column's collation lowercases only A-Z (libc's C or
 * POSIX locale, the default of many servers initialised without a locale). The connector compares
 * lower(column) with the address lowercased in JavaScript, which folds every letter: an address
 * stored as ŁUKASZ@... would silently not be found from łukasz@.... Asked of the server itself
 * (does lower('ŁÓ') under the column's collation give 'łó'?), so any provider and version answers.
 */
async function findAsciiOnlyFolding(db: Kysely<any>, source: SqlSource, qt: (table: string) => string): Promise<DriftIssue[]> {
  const warnings: DriftIssue[] = [];
  for (const [di, dataset] of source.datasets.entries()) {
    if (dataset.excluded) continue;
    for (const [li, lookup] of (dataset.lookups ?? []).entries()) {
      if (lookup.match !== "case_insensitive") continue;
      const { rows } = await sql<{ coll: string; name: string; type: string }>`
        select quote_ident(cn.nspname) || '.' || quote_ident(co.collname) as coll, co.collname as name, format_type(a.atttypid, a.atttypmod) as type
        from pg_attribute a join pg_collation co on co.oid = a.attcollation join pg_namespace cn on cn.oid = co.collnamespace
        where a.attrelid = to_regclass(${qt(dataset.table)}) and a.attname = ${lookup.column}`.execute(db);
      const column = rows[0];
      if (!column) continue;
      const { rows: folded } = await sql<{ folds: boolean }>`select lower(${"ŁÓ"}::text collate ${sql.raw(column.coll)}) = ${"łó"} as folds`.execute(db);
      if (folded[0]?.folds) continue;
      const under = column.name === "default" ? "the database's locale" : `the ${column.name} collation`;
      warnings.push({
        path: ["datasets", di, "lookups", li, "match"],
        message:
          `"${dataset.table}.${lookup.column}" is compared with lower(), which under ${under} changes only A-Z: a value stored as ŁUKASZ@... is not found from łukasz@.... ` +
          `Give the column a Unicode collation (its indexes are rebuilt): ALTER TABLE ${qt(dataset.table)} ALTER COLUMN ${quoteSqlName("postgres", lookup.column)} TYPE ${column.type} COLLATE "und-x-icu";`,
      });
    }
  }
  return warnings;
}

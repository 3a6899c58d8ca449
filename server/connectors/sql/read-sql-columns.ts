import { sql, type Kysely } from "kysely";
import type { DialectName } from "../../../db/client";

export interface MysqlColumnFacts {
  /** Full type as declared, e.g. "varchar(254)". */
  columnType: string;
  nullable: boolean;
  charset: string | null;
  collation: string | null;
}

/**
 * MySQL/MariaDB column facts of the current database, by "table.column": a case_insensitive
 * lookup can use the column's own index when its collation already ignores case (ADR 024).
 * Other dialects compare lower(column) and return an empty map.
 */
export async function readMysqlColumnFacts(db: Kysely<any>, dialect: DialectName): Promise<Map<string, MysqlColumnFacts>> {
  const facts = new Map<string, MysqlColumnFacts>();
  if (dialect !== "mysql") return facts;
  const { rows } = await sql<{ t: string; c: string; type: string; nullable: string; charset: string | null; collation: string | null }>`
    select table_name as t, column_name as c, column_type as type, is_nullable as nullable,
           character_set_name as charset, collation_name as collation
    from information_schema.columns where table_schema = database()`.execute(db);
  for (const r of rows) facts.set(`${r.t}.${r.c}`, { columnType: String(r.type), nullable: r.nullable === "YES", charset: r.charset, collation: r.collation });
  return facts;
}

/** "table.column" of every column whose collation compares case-insensitively (`..._ci`). */
export async function readCaseInsensitiveColumns(db: Kysely<any>, dialect: DialectName): Promise<ReadonlySet<string>> {
  const facts = await readMysqlColumnFacts(db, dialect);
  return new Set([...facts].filter(([, f]) => f.collation?.endsWith("_ci")).map(([name]) => name));
}

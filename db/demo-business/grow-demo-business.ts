import { sql, type Kysely } from "kysely";
import type { DialectName } from "../client";
import { DEMO_TABLE_SPECS } from "./create-schema";
import { DEMO_TABLES } from "./schema";

const NUMBERS = "rtk_grow_numbers";

/**
 * Makes a seeded demo business `factor` times bigger without generating anyone new: every table is
 * copied (factor - 1) times inside the database (INSERT ... SELECT, one statement per table), with
 * every key, link and indexed column rewritten per copy ("usr_ab12" -> "usr_ab12~7", ids offset),
 * so no copy shares an identifier with the original people and the demo people stay as they were.
 * A table is copied at most until it holds `maxRows`, so a million people does not mean 75 million
 * events. Run it in a transaction (it makes a temporary table only), then analyzeDemoBusiness. For benchmarks and query-plan tests: cost must follow the person, not the business.
 */
export async function growDemoBusiness(db: Kysely<any>, dialect: DialectName, options: { factor: number; maxRows: number }): Promise<void> {
  const concat = (...parts: string[]) => (dialect === "mysql" ? `concat(${parts.join(", ")})` : parts.join(" || "));
  await sql.raw(`create temporary table ${NUMBERS} (k integer primary key)`).execute(db);
  try {
    for (let k = 1; k < options.factor; k += 500) {
      const ks = Array.from({ length: Math.min(500, options.factor - k) }, (_, i) => `(${k + i})`);
      await sql.raw(`insert into ${NUMBERS} (k) values ${ks.join(", ")}`).execute(db);
    }
    // Tables come parents first; a copy may only point at copies of its parents that exist.
    const made = new Map<string, number>();
    for (const table of DEMO_TABLES) {
      if (table === "seed_info") continue;
      const spec = DEMO_TABLE_SPECS[table];
      const count = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
      if (count === 0) continue;
      const parents = (spec.references ?? []).map(([, target]) => made.get(target.split(".")[0]!) ?? 0);
      const copies = Math.min(options.factor - 1, Math.ceil(options.maxRows / count) - 1, ...parents);
      made.set(table, Math.max(0, copies));
      if (copies < 1) continue;
      const rewritten = new Set<string>(["id", ...(spec.references ?? []).map(([c]) => c), ...(spec.unique ?? []).flat(), ...(spec.indexes ?? []).map((i) => i[0]!)]);
      const offset = Number((await sql<{ m: number }>`select max(id) as m from ${sql.table(table)}`.execute(db)).rows[0]!.m) + 1;
      const expressions = spec.columns.map(([name, type]) => {
        if (!rewritten.has(name) || type === "varchar(23)" || type === "varchar(10)") return `s.${name}`;
        if (type === "integer") return `s.${name} + n.k * ${Number.isFinite(offset) ? offset : 0}`;
        const length = Number(/\((\d+)\)/.exec(String(type))?.[1] ?? 200);
        return concat(`substr(s.${name}, 1, ${length - 5})`, "'~'", dialect === "mysql" ? "n.k" : "cast(n.k as varchar(5))");
      });
      const columns = spec.columns.map(([name]) => name).join(", ");
      await sql.raw(`insert into ${table} (${columns}) select ${expressions.join(", ")} from ${table} s cross join ${NUMBERS} n where n.k <= ${copies}`).execute(db);
    }
  } finally {
    await sql.raw(`drop ${dialect === "mysql" ? "temporary " : ""}table ${NUMBERS}`).execute(db);
  }
}

/** Fresh statistics after a bulk load, so each planner chooses as it would on a real database of that size. */
export async function analyzeDemoBusiness(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === "sqlite") await sql`analyze`.execute(db);
  else if (dialect === "mysql") for (const table of DEMO_TABLES) await sql.raw(`analyze table ${table}`).execute(db);
  else await sql`analyze`.execute(db);
}

import { sql, type Kysely } from "kysely";

/** Values per query: well below every engine's limit on bound parameters. */
const BATCH = 200;

/**
 * Which of the given values the identity dataset holds in one column: the values themselves back,
 * nothing else about the people (11 CCR 7060(c) spirit: read only what the check needs). Compared
 * as written and in lower case (SQLite's lower() folds ASCII only, so the written form catches
 * "José"). Table and column come from a validated data map and are quoted as identifiers; the
 * values are bound parameters.
 *
 * @example
 * await findKnownValues(db, { table: "users", column: "full_name", values: ["Priya Raman", "Hi Priya"] });
 * // ["priya raman"]
 */
export async function findKnownValues(db: Kysely<any>, input: { table: string; column: string; values: readonly string[] }): Promise<string[]> {
  const found = new Set<string>();
  const column = sql.ref(`${input.table}.${input.column}`);
  for (let i = 0; i < input.values.length; i += BATCH) {
    const batch = input.values.slice(i, i + BATCH);
    const lowered = batch.map((v) => v.toLowerCase());
    const rows = await db
      .selectFrom(input.table)
      .select(column.as("value"))
      .where((eb) => eb.or([eb(column, "in", batch), eb(eb.fn("lower", [column]), "in", lowered)]))
      .execute();
    for (const row of rows) if (row.value !== null && row.value !== undefined) found.add(String(row.value).replace(/\s+/g, " ").trim().toLowerCase());
  }
  return [...found];
}

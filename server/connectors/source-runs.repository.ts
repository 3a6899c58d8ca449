import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, SourceRunsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type SourceRunRow = Selectable<SourceRunsTable>;

export async function insertSourceRuns(db: Db, rows: readonly Insertable<SourceRunsTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("source_runs").values([...rows]).execute();
}

/** The newest run of each source (one indexed look-up per source); sources never run are absent. */
export async function findLastSourceRuns(db: Db, sourceIds: readonly string[]): Promise<Map<string, SourceRunRow>> {
  const out = new Map<string, SourceRunRow>();
  for (const sourceId of sourceIds) {
    const row = await db
      .selectFrom("source_runs")
      .selectAll()
      .where("source_id", "=", sourceId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (row) out.set(sourceId, row);
  }
  return out;
}

/** Failed or timed-out runs per source since `since` (a DB time, inclusive). */
export async function countSourceFailuresSince(db: Db, since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("source_runs")
    .select(["source_id", (eb) => eb.fn.countAll().as("failures")])
    .where("status", "!=", "ok")
    .where("created_at", ">=", since)
    .groupBy("source_id")
    .execute();
  // MySQL returns COUNT(*) as a string.
  return new Map(rows.map((r) => [r.source_id, Number(r.failures)]));
}

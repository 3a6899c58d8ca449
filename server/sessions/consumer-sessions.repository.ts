import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { ConsumerSessionsTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type ConsumerSessionRow = Selectable<ConsumerSessionsTable>;

export async function insertConsumerSession(db: Db, row: Insertable<ConsumerSessionsTable>): Promise<void> {
  await db.insertInto("consumer_sessions").values(row).execute();
}

export async function findConsumerSession(db: Db, id: string): Promise<ConsumerSessionRow | undefined> {
  return db.selectFrom("consumer_sessions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Ends one session, or every live session of a request ("sign out everywhere"); returns how many. */
export async function revokeConsumerSessions(db: Db, where: ({ id: string } | { requestId: string }) & { now: string }): Promise<number> {
  let query = db.updateTable("consumer_sessions").set({ revoked_at: where.now }).where("revoked_at", "is", null);
  query = "id" in where ? query.where("id", "=", where.id) : query.where("request_id", "=", where.requestId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { DialectName } from "../../db/client";
import type { AuthorizationsTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type AuthorizationRow = Selectable<AuthorizationsTable>;

export async function insertAuthorization(db: Db, row: Insertable<AuthorizationsTable>): Promise<void> {
  await db.insertInto("authorizations").values(row).execute();
}

export async function findAuthorizationById(db: Db, id: string): Promise<AuthorizationRow | undefined> {
  return db.selectFrom("authorizations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The latest authorization on file for a request (one per agent request today). */
export async function findAuthorizationForRequest(db: Db, requestId: string): Promise<AuthorizationRow | undefined> {
  return db.selectFrom("authorizations").selectAll().where("request_id", "=", requestId).orderBy("created_at", "desc").executeTakeFirst();
}

/** The latest authorization of each of these requests (the agent's list, one query for the page). */
export async function findAuthorizationsForRequests(db: Db, requestIds: readonly string[]): Promise<Map<string, AuthorizationRow>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db.selectFrom("authorizations").selectAll().where("request_id", "in", requestIds).orderBy("created_at", "asc").execute();
  // Ascending, so a later authorization of the same request replaces an earlier one.
  return new Map(rows.map((r) => [r.request_id, r]));
}

/** Records the consumer's answer once: a second click, or a confirm racing a refuse, changes nothing. */
export async function recordConsumerAnswer(
  db: Db,
  input: { id: string; answer: "confirmed" | "refused"; releaseToAgent: boolean; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable("authorizations")
    .set(
      input.answer === "confirmed"
        ? { consumer_confirmed_at: input.now, release_to_agent: input.releaseToAgent ? 1 : 0 }
        : { consumer_refused_at: input.now, release_to_agent: 0 },
    )
    .where("id", "=", input.id)
    .where("consumer_confirmed_at", "is", null)
    .where("consumer_refused_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Holds the authorization row until the transaction ends, so two resends cannot both pass the
 * throttle. MySQL: FOR UPDATE. SQLite: every write transaction already holds the database's write
 * lock from its start (ADR 017), and SQLite has no FOR UPDATE.
 */
export async function lockAuthorization(db: Db, dialect: DialectName, id: string): Promise<void> {
  const query = db.selectFrom("authorizations").select("id").where("id", "=", id);
  await (dialect === "mysql" ? query.forUpdate() : query).execute();
}

import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, RequestEventsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type RequestEventRow = Selectable<RequestEventsTable>;

/**
 * A request's history (11 CCR 7101(a): request date, response date, basis for a denial). A row
 * whose from_state equals its to_state records the one change that is not a state change: the
 * deadline extension (R9), with the staff-written reason.
 */
export async function insertRequestEvent(db: Db, row: Insertable<RequestEventsTable>): Promise<void> {
  await db.insertInto("request_events").values(row).execute();
}

/** Oldest first. Services give each request's events strictly increasing times, so the order is total. */
export async function listRequestEvents(db: Db, requestId: string): Promise<RequestEventRow[]> {
  return db
    .selectFrom("request_events")
    .selectAll()
    .where("request_id", "=", requestId)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

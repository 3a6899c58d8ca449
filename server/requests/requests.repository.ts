import type { Kysely, Transaction } from "kysely";
import type { Database, NewRequestRow, RequestRow, RequestUpdate } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export async function insertRequest(db: Db, row: NewRequestRow): Promise<void> {
  await db.insertInto("requests").values(row).execute();
}

export async function findRequestById(db: Db, id: string): Promise<RequestRow | undefined> {
  return db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Optimistic lock: writes only if the row still has `expectedVersion`, and bumps it. Returns false
 * when another writer got there first (a lost race), which the service reports as a conflict.
 * The version check happens in the UPDATE itself, so it also holds on MySQL, where the caller's
 * earlier SELECT may have read an older snapshot.
 */
export async function updateRequestVersioned(
  db: Db,
  { id, expectedVersion, changes }: { id: string; expectedVersion: number; changes: Omit<RequestUpdate, "id" | "version"> },
): Promise<boolean> {
  const result = await db
    .updateTable("requests")
    .set({ ...changes, version: expectedVersion + 1 })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Requests still waiting for identity verification whose effective due date (the extended one if
 * set) is before `dueBefore`: candidates for the X19 denial. Oldest first, a page at a time.
 */
export async function listUnverifiedDueBefore(
  db: Db,
  { dueBefore, limit }: { dueBefore: string; limit: number },
): Promise<Pick<RequestRow, "id" | "type" | "version">[]> {
  return db
    .selectFrom("requests")
    .select(["id", "type", "version"])
    .where("state", "in", ["received", "awaiting_verification"])
    .where((eb) => eb(eb.fn.coalesce("extended_due_date", "due_date"), "<", dueBefore))
    .orderBy("due_date", "asc")
    .limit(limit)
    .execute();
}

/** Open requests (not yet responded to) whose effective due date is on or before `dueOnOrBefore`. */
export async function listOpenDueOnOrBefore(
  db: Db,
  { dueOnOrBefore, openStates }: { dueOnOrBefore: string; openStates: readonly string[] },
): Promise<Pick<RequestRow, "id" | "due_date" | "extended_due_date">[]> {
  return db
    .selectFrom("requests")
    .select(["id", "due_date", "extended_due_date"])
    .where("state", "in", [...openStates])
    .where((eb) => eb(eb.fn.coalesce("extended_due_date", "due_date"), "<=", dueOnOrBefore))
    .orderBy("due_date", "asc")
    .execute();
}

/** Delivered requests none of whose disclosure files remain (all purged): their download window is over. */
export async function listDeliveredWithoutLiveReports(db: Db, { limit }: { limit: number }): Promise<Pick<RequestRow, "id" | "version">[]> {
  return db
    .selectFrom("requests")
    .select(["id", "version"])
    .where("state", "=", "delivered")
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("reports").select("reports.id").whereRef("reports.request_id", "=", "requests.id").where("reports.purged_at", "is", null))),
    )
    .limit(limit)
    .execute();
}

/** Requests whose search keys are missing or were made under another secret (ADR 039), a batch at a time. */
export async function listRequestsWithStaleSearchKeys(db: Db, keyId: string, limit: number): Promise<{ id: string; subject_email: string; subject_phone: string | null }[]> {
  return db
    .selectFrom("requests")
    .select(["id", "subject_email", "subject_phone"])
    .where((eb) => eb.or([eb("subject_email_key", "is", null), eb("subject_email_key", "not like", `${keyId}:%`)]))
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function updateRequestSearchKeys(db: Db, id: string, keys: { subject_email_key: string; subject_phone_key: string | null }): Promise<void> {
  await db.updateTable("requests").set(keys).where("id", "=", id).execute();
}

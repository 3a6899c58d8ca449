import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, StaffSessionsTable } from "../../db/schema";
import type { StaffUserRow } from "./staff-users.repository";

type Db = Kysely<Database> | Transaction<Database>;
export type StaffSessionRow = Selectable<StaffSessionsTable>;

export async function insertStaffSession(db: Db, row: Insertable<StaffSessionsTable>): Promise<void> {
  await db.insertInto("staff_sessions").values(row).execute();
}

/** The session row (by hashed token) and its user, in one read. */
export async function findStaffSessionWithUser(
  db: Db,
  id: string,
): Promise<{ session: StaffSessionRow; user: StaffUserRow } | undefined> {
  const session = await db.selectFrom("staff_sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!session) return undefined;
  const user = await db.selectFrom("staff_users").selectAll().where("id", "=", session.user_id).executeTakeFirst();
  return user ? { session, user } : undefined;
}

export async function touchStaffSession(db: Db, { id, now }: { id: string; now: string }): Promise<void> {
  await db.updateTable("staff_sessions").set({ last_seen_at: now }).where("id", "=", id).where("revoked_at", "is", null).execute();
}

/** Ends one session or every live session of a user; returns how many were ended. */
export async function revokeStaffSessionRows(db: Db, where: ({ id: string } | { userId: string }) & { now: string }): Promise<number> {
  let query = db.updateTable("staff_sessions").set({ revoked_at: where.now }).where("revoked_at", "is", null);
  query = "id" in where ? query.where("id", "=", where.id) : query.where("user_id", "=", where.userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Sessions still usable right now (not revoked, not idle, not past their absolute end), per user. */
export async function countLiveStaffSessions(db: Db, { now, seenAfter }: { now: string; seenAfter: string }): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("staff_sessions")
    .select((eb) => ["user_id", eb.fn.countAll<number>().as("n")])
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .where("last_seen_at", ">", seenAfter)
    .groupBy("user_id")
    .execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

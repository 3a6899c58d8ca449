import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isUniqueViolation } from "../lib/db-errors";

/**
 * Records a signed body as seen until `expiresAt`. Returns false when it was already recorded: a
 * replay. Outside a transaction, or inside the one that acts on the message, which the caller
 * then rolls back on a replay (SQLite and MySQL keep a transaction usable after a refused insert;
 * a concurrent insert of the same id waits for the first to commit). Expired markers are
 * dropped on the way, so the table holds at most one validity window of traffic.
 */
export async function markDrpMessageSeen(db: Kysely<Database>, row: { id: string; expiresAt: string; now: string }): Promise<boolean> {
  await db.deleteFrom("drp_replays").where("expires_at", "<", row.now).execute();
  try {
    await db.insertInto("drp_replays").values({ id: row.id, expires_at: row.expiresAt }).execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Whether a signed body is recorded as seen and not expired (read only; markDrpMessageSeen decides). */
export async function isDrpMessageSeen(db: Kysely<Database>, row: { id: string; now: string }): Promise<boolean> {
  const found = await db.selectFrom("drp_replays").select("id").where("id", "=", row.id).where("expires_at", ">=", row.now).executeTakeFirst();
  return found !== undefined;
}

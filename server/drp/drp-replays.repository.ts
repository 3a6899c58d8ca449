import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { isUniqueViolation } from "../lib/db-errors";

/**
 * Records a signed body as seen until `expiresAt`. Returns false when it was already recorded: a
 * replay. Run outside a transaction (a refused insert must not poison one). Expired markers are
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

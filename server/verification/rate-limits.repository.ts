import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** One fixed window of one limited key. */
export interface RateLimitSlot {
  bucket: string;
  windowSeconds: number;
  windowStart: string;
  windowEnd: string;
}

const inSlot = (slot: RateLimitSlot) =>
  ({ bucket: slot.bucket, window_seconds: slot.windowSeconds, window_start: slot.windowStart }) as const;

/**
 * Counts one hit if the window has fewer than `max`. The check is in the UPDATE itself, so it is
 * exact however many instances race; the row is created (insert-or-ignore, both dialects) on
 * first use. Returns false when the window is full.
 */
export async function takeRateLimitHit(db: Db, slot: RateLimitSlot, max: number): Promise<boolean> {
  const increment = async (): Promise<boolean> => {
    const where = inSlot(slot);
    const result = await db
      .updateTable("rate_limit_hits")
      .set({ hits: sql<number>`hits + 1` })
      .where("bucket", "=", where.bucket)
      .where("window_seconds", "=", where.window_seconds)
      .where("window_start", "=", where.window_start)
      .where("hits", "<", max)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  };
  if (await increment()) return true;
  // No row yet, or full. A racer may create the row first: ignored, and the retry counts on theirs.
  await db
    .insertInto("rate_limit_hits")
    .orIgnore()
    .values({ ...inSlot(slot), hits: 0, expires_at: slot.windowEnd })
    .execute();
  return increment();
}

/** Gives back a hit taken for an attempt that another rule then refused. */
export async function returnRateLimitHit(db: Db, slot: RateLimitSlot): Promise<void> {
  const where = inSlot(slot);
  await db
    .updateTable("rate_limit_hits")
    .set({ hits: sql<number>`hits - 1` })
    .where("bucket", "=", where.bucket)
    .where("window_seconds", "=", where.window_seconds)
    .where("window_start", "=", where.window_start)
    .where("hits", ">", 0)
    .execute();
}

/** Current count of one window (0 when no row). */
export async function countRateLimitHits(db: Db, slot: RateLimitSlot): Promise<number> {
  const where = inSlot(slot);
  const row = await db
    .selectFrom("rate_limit_hits")
    .select("hits")
    .where("bucket", "=", where.bucket)
    .where("window_seconds", "=", where.window_seconds)
    .where("window_start", "=", where.window_start)
    .executeTakeFirst();
  return row ? Number(row.hits) : 0;
}

/** Deletes windows that have ended; returns how many rows went. */
export async function deleteEndedRateLimitWindows(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom("rate_limit_hits").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

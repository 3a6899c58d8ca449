import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Counts one failure in `bucket` and returns the new count. A count whose last failure is older
 * than `forgetBefore` starts again at 1. The arithmetic is in the UPDATE itself, so failures racing
 * in several worker processes are all counted; the row is created (insert-or-ignore, both
 * dialects) on first use.
 */
export async function countThrottleFailure(
  db: Db,
  { bucket, scope, now, forgetBefore }: { bucket: string; scope: string; now: string; forgetBefore: string },
): Promise<number> {
  await db.insertInto("sign_in_throttles").orIgnore().values({ bucket, scope, failures: 0, last_failure_at: now, blocked_until: null }).execute();
  await db
    .updateTable("sign_in_throttles")
    .set({
      failures: sql<number>`case when last_failure_at < ${forgetBefore} then 1 else failures + 1 end`,
      blocked_until: sql<string | null>`case when last_failure_at < ${forgetBefore} then null else blocked_until end`,
      last_failure_at: now,
    })
    .where("bucket", "=", bucket)
    .execute();
  const row = await db.selectFrom("sign_in_throttles").select("failures").where("bucket", "=", bucket).executeTakeFirst();
  return Number(row?.failures ?? 0);
}

/** Refuses sign-ins through `bucket` until `until` (never shortens a longer block). */
export async function blockThrottleBucket(db: Db, { bucket, until }: { bucket: string; until: string }): Promise<void> {
  await db
    .updateTable("sign_in_throttles")
    .set({ blocked_until: until })
    .where("bucket", "=", bucket)
    .where((eb) => eb.or([eb("blocked_until", "is", null), eb("blocked_until", "<", until)]))
    .execute();
}

/** The latest block among `buckets` still running at `now`, or null. */
export async function findLatestThrottleBlock(db: Db, { buckets, now }: { buckets: string[]; now: string }): Promise<string | null> {
  const row = await db
    .selectFrom("sign_in_throttles")
    .select("blocked_until")
    .where("bucket", "in", buckets)
    .where("blocked_until", ">", now)
    .orderBy("blocked_until", "desc")
    .executeTakeFirst();
  return row?.blocked_until ?? null;
}

export async function deleteThrottleBuckets(db: Db, buckets: string[]): Promise<void> {
  await db.deleteFrom("sign_in_throttles").where("bucket", "in", buckets).execute();
}

/** Deletes counts whose last failure is older than `before`; returns how many. */
export async function deleteQuietThrottles(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom("sign_in_throttles").where("last_failure_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

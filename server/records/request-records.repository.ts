import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * What the 7101 request log may read. Deliberately no subject_* column: the log records the
 * request, not the person (11 CCR 7101(a); R39: records are walled off).
 */
export interface RequestLogSource {
  id: string;
  type: string;
  channel: string;
  state: string;
  receipt_date: string;
  received_at: string;
  completed_at: string | null;
  denial_reason: string | null;
}

/** Requests received (by receipt date) in [from, to], in receipt order, a page after `after`. */
export async function listRequestLogPage(
  db: Db,
  where: { from: string; to: string; after: { receivedAt: string; id: string } | null; limit: number },
): Promise<RequestLogSource[]> {
  let query = db
    .selectFrom("requests")
    .select(["id", "type", "channel", "state", "receipt_date", "received_at", "completed_at", "denial_reason"])
    .where("receipt_date", ">=", where.from)
    .where("receipt_date", "<=", where.to);
  const after = where.after;
  if (after) {
    // Keyset paging: short queries, no connection held while the CSV consumer is slow.
    query = query.where((eb) =>
      eb.or([eb("received_at", ">", after.receivedAt), eb.and([eb("received_at", "=", after.receivedAt), eb("id", ">", after.id)])]),
    );
  }
  return query.orderBy("received_at").orderBy("id").limit(where.limit).execute();
}

/** Ids of requests completed strictly before `cutoff`. */
export async function listRequestsCompletedBefore(db: Db, where: { cutoff: string; limit: number }): Promise<string[]> {
  const rows = await db
    .selectFrom("requests")
    .select("id")
    .where("completed_at", "is not", null)
    .where("completed_at", "<", where.cutoff)
    .orderBy("completed_at")
    .limit(where.limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Deletes the requests (child rows cascade) and returns how many went; re-checks the cut-off. */
export async function deleteRequestsCompletedBefore(db: Db, where: { ids: readonly string[]; cutoff: string }): Promise<number> {
  if (where.ids.length === 0) return 0;
  const result = await db
    .deleteFrom("requests")
    .where("id", "in", where.ids)
    .where("completed_at", "is not", null)
    .where("completed_at", "<", where.cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

import type { Kysely, Transaction } from "kysely";
import type { AuditEventRow, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/** Newest first, a page at a time below `beforeSeq` (keyset paging: the trail only grows). */
export async function listAuditEventsNewestFirst(
  db: Db,
  where: { beforeSeq: number | null; requestId: string | null; limit: number },
): Promise<AuditEventRow[]> {
  let query = db.selectFrom("audit_events").selectAll();
  if (where.beforeSeq !== null) query = query.where("seq", "<", where.beforeSeq);
  if (where.requestId !== null) query = query.where("request_id", "=", where.requestId);
  const rows = await query.orderBy("seq", "desc").limit(where.limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

import type { Kysely, Transaction } from "kysely";
import type { DialectName } from "../../db/client";
import type { AuditEventRow, AuditEventsTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * MySQL: serialises appenders on the chain's first row (seq 1) for the rest of the caller's
 * transaction. Every append computes seq and prev_hash from the latest committed row, so they must
 * take turns. Locking the LAST row instead deadlocks two appenders every time (each holds a gap
 * lock after that row that blocks the other's insert); an equality lock on an existing unique key
 * is a plain record lock. On an empty table there is no row yet: the genesis race is settled by
 * the unique seq index and, at worst, a deadlock retried by runInWriteTransaction.
 * SQLite: nothing to do; the write transaction already excludes every other writer.
 */
export async function lockAuditChain(db: Db, dialect: DialectName): Promise<void> {
  if (dialect !== "mysql") return;
  await db.selectFrom("audit_events").select("id").where("seq", "=", 1).forUpdate().execute();
}

/**
 * The newest row. On MySQL a locking read: a plain SELECT in REPEATABLE READ would return the
 * transaction's snapshot and miss rows other appenders committed since, forever repeating a seq.
 */
export async function findLastAuditEvent(db: Db, dialect: DialectName): Promise<Pick<AuditEventRow, "seq" | "hash"> | undefined> {
  const query = db.selectFrom("audit_events").select(["seq", "hash"]).orderBy("seq", "desc").limit(1);
  const row = await (dialect === "mysql" ? query.forUpdate() : query).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

export async function insertAuditEvent(db: Db, row: AuditEventsTable): Promise<void> {
  await db.insertInto("audit_events").values(row).execute();
}

/** One page of the chain in order, for verification. */
export async function listAuditEventsAfter(db: Db, { afterSeq, limit }: { afterSeq: number; limit: number }): Promise<AuditEventRow[]> {
  const rows = await db.selectFrom("audit_events").selectAll().where("seq", ">", afterSeq).orderBy("seq", "asc").limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * The details of one request's events of one action, e.g. to check a once-a-day reminder. Called
 * under lockAuditChain; on MySQL a locking read, so it sees rows committed after the caller's
 * transaction took its snapshot.
 */
export async function listAuditDetailsFor(
  db: Db,
  dialect: DialectName,
  { requestId, action }: { requestId: string; action: string },
): Promise<string[]> {
  const query = db.selectFrom("audit_events").select("details").where("request_id", "=", requestId).where("action", "=", action);
  // FOR UPDATE, not FOR SHARE: MariaDB 10.x knows only LOCK IN SHARE MODE. We hold the chain lock anyway.
  const rows = await (dialect === "mysql" ? query.forUpdate() : query).execute();
  return rows.map((r) => r.details);
}

export async function listAuditEventsForRequest(db: Db, requestId: string): Promise<AuditEventRow[]> {
  const rows = await db.selectFrom("audit_events").selectAll().where("request_id", "=", requestId).orderBy("seq", "asc").execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

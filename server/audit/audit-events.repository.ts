import { sql, type Kysely, type Transaction } from "kysely";
import type { DialectName } from "../../db/client";
import type { AuditEventRow, AuditEventsTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The newest row. On MySQL a locking read: a plain SELECT in REPEATABLE READ would return the
 * transaction's snapshot and miss rows other appenders committed since, forever repeating a seq.
 */
export async function findLastAuditEvent(db: Db, dialect: DialectName): Promise<Pick<AuditEventRow, "seq" | "hash"> | undefined> {
  const query = db.selectFrom("audit_events").select(["seq", "hash"]).orderBy("seq", "desc").limit(1);
  const row = await (dialect === "mysql" ? query.forUpdate() : query).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

/**
 * Takes the chain for the rest of the caller's transaction and reads its head (and, with
 * `onceOf`, the details of that request's events of that action), in ONE round trip (ADR 055).
 *
 * MySQL: serialises appenders on the chain's first row (seq 1). Every append computes seq and
 * prev_hash from the latest committed row, so they must take turns. Locking the LAST row instead
 * deadlocks two appenders every time (each holds a gap lock after that row that blocks the
 * other's insert); an equality lock on an existing unique key is a plain record lock. On an empty
 * table there is no row yet: the genesis race is settled by the unique seq index and, at worst, a
 * deadlock retried by runInWriteTransaction. The three reads are one UNION ALL of locking reads;
 * MariaDB and MySQL run a UNION's parts in order, so the seq-1 lock is held before the head is
 * read, as when they were separate statements, and each part, being a locking read, sees the
 * latest committed rows rather than the transaction's snapshot.
 * SQLite: the write transaction already excludes every other writer; plain reads.
 */
export async function lockAuditChainAndReadHead(
  db: Db,
  dialect: DialectName,
  onceOf?: { requestId: string; action: string },
): Promise<{ last: Pick<AuditEventRow, "seq" | "hash"> | undefined; details: string[] }> {
  if (dialect !== "mysql") {
    const details = onceOf ? await listAuditDetailsFor(db, dialect, onceOf) : [];
    return { last: await findLastAuditEvent(db, dialect), details };
  }
  const once = onceOf
    ? sql` UNION ALL (SELECT 2, seq, hash, details FROM audit_events WHERE request_id = ${onceOf.requestId} AND action = ${onceOf.action} FOR UPDATE)`
    : sql``;
  const { rows } = await sql<{ part: number; seq: number | string; hash: string; details: string | null }>`
    (SELECT 0 AS part, seq, hash, NULL AS details FROM audit_events WHERE seq = 1 FOR UPDATE)
    UNION ALL (SELECT 1, seq, hash, NULL FROM audit_events ORDER BY seq DESC LIMIT 1 FOR UPDATE)${once}`.execute(db);
  const head = rows.find((r) => Number(r.part) === 1);
  return {
    last: head ? { seq: Number(head.seq), hash: head.hash } : undefined,
    details: rows.filter((r) => Number(r.part) === 2).map((r) => r.details ?? ""),
  };
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
 * under the chain lock (lockAuditChainAndReadHead); on MySQL a locking read, so it sees rows committed after the caller's
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

import { sql, type Kysely, type Transaction } from "kysely";
import type { DialectName } from "../../db/client";
import type { Database, JobRow, JobsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Inserts unless a job with the same idempotency key exists; never throws on that duplicate, so
 * the caller's transaction goes on (a failed INSERT must not be relied on to leave a transaction
 * usable on every engine). SQLite: ON CONFLICT (idempotency_key) DO NOTHING. MySQL: ON DUPLICATE
 * KEY UPDATE with a no-op, rather than INSERT IGNORE, which would also turn other errors (a value
 * too long for its column) into silently truncated data.
 *
 * Returns whether the row was inserted, so the caller reads the existing job back only when it
 * was not (ADR 055). SQLite and PostgreSQL count a skipped row as 0 affected rows. mysql2 counts
 * a matched no-op upsert as 1, like an insert, so on MySQL the no-op also evaluates
 * LAST_INSERT_ID(1): the server then reports insert id 1 for that statement, and 0 for a real
 * insert (jobs has no AUTO_INCREMENT column), the documented way to learn what an upsert did.
 */
export async function insertJobUnlessExists(db: Db, dialect: DialectName, row: JobsTable): Promise<boolean> {
  const insert = db.insertInto("jobs").values(row);
  if (dialect === "mysql") {
    const result = await insert
      .onDuplicateKeyUpdate({ idempotency_key: sql`IF(LAST_INSERT_ID(1), ${sql.ref("idempotency_key")}, ${sql.ref("idempotency_key")})` })
      .executeTakeFirst();
    return Number(result.insertId ?? 0) === 0;
  }
  const result = await insert.onConflict((oc) => oc.column("idempotency_key").doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findJobIdByKey(db: Db, idempotencyKey: string): Promise<string | undefined> {
  const row = await db.selectFrom("jobs").select("id").where("idempotency_key", "=", idempotencyKey).executeTakeFirst();
  return row?.id;
}

export async function findJobById(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * MySQL/MariaDB only: leases the oldest due queued job among `kinds` to `workerId` in ONE
 * autocommitted statement (UPDATE ... ORDER BY run_at LIMIT 1) and returns whether it got one.
 * A concurrent claimer that meets the row waits for this statement's row lock (microseconds: the
 * statement commits at once), then sees the row is no longer queued and moves to the next one, so
 * no two workers get the same job. Read the row back with findJobLeasedAt. This replaces a
 * transaction of 4-5 round trips (begin, locking selects, update, commit) per claim (ADR 053).
 */
export async function leaseNextQueuedJob(
  db: Db,
  { kinds, workerId, now, lockedUntil }: { kinds: readonly string[]; workerId: string; now: string; lockedUntil: string },
): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "running", locked_by: workerId, locked_until: lockedUntil, attempts: sql`attempts + 1`, updated_at: now })
    .where("state", "=", "queued")
    .where("run_at", "<=", now)
    .where("kind", "in", [...kinds])
    .orderBy("run_at", "asc")
    .limit(1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The job leaseNextQueuedJob just leased: running, held by `workerId` until exactly `lockedUntil`,
 * of one of `kinds` (a worker's lanes claim disjoint kinds, one job at a time each). The newest
 * lease first, should an older run of the lane still be marked running (its completion failed).
 */
export async function findJobLeasedAt(
  db: Db,
  { kinds, workerId, lockedUntil }: { kinds: readonly string[]; workerId: string; lockedUntil: string },
): Promise<JobRow | undefined> {
  return db
    .selectFrom("jobs")
    .selectAll()
    .where("state", "=", "running")
    .where("locked_by", "=", workerId)
    .where("locked_until", "=", lockedUntil)
    .where("kind", "in", [...kinds])
    .orderBy("updated_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The next job to run among `kinds`: a job whose lease expired (its worker died; taken first, it
 * has waited longest) or a queued job that is due. On MySQL a locking read with SKIP LOCKED, so
 * concurrent workers each get a different row without waiting for each other; the two kinds of
 * candidate are separate queries so each one walks the (state, run_at) index. `expired: false`
 * skips the first (the worker loop looks for expired leases only now and then); `queued: false`
 * the second (MySQL leases queued jobs with leaseNextQueuedJob).
 * On SQLite the caller holds the write lock, so a plain read is enough.
 */
export async function selectClaimCandidate(
  db: Db,
  dialect: DialectName,
  { kinds, now, expired = true, queued = true }: { kinds: readonly string[]; now: string; expired?: boolean; queued?: boolean },
): Promise<JobRow | undefined> {
  const queries = [
    ...(expired ? [db.selectFrom("jobs").selectAll().where("state", "=", "running").where("locked_until", "<", now)] : []),
    ...(queued ? [db.selectFrom("jobs").selectAll().where("state", "=", "queued").where("run_at", "<=", now)] : []),
  ];
  for (const base of queries) {
    const query = base.where("kind", "in", [...kinds]).orderBy("run_at", "asc").limit(1);
    const row = await (dialect === "mysql" ? query.forUpdate().skipLocked() : query).executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}

/**
 * Leases the job to `workerId` if it is still claimable at `now` (the condition is re-checked in
 * the UPDATE). `lastError` is set on a lease takeover ("lease_expired"): the previous run counted
 * as an attempt, so the row must say why it was retried.
 */
export async function markJobClaimed(
  db: Db,
  { id, workerId, now, lockedUntil, lastError }: { id: string; workerId: string; now: string; lockedUntil: string; lastError?: string },
): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "running", locked_by: workerId, locked_until: lockedUntil, attempts: sql`attempts + 1`, last_error: lastError, updated_at: now })
    .where("id", "=", id)
    .where((eb) =>
      eb.or([
        eb.and([eb("state", "=", "queued"), eb("run_at", "<=", now)]),
        eb.and([eb("state", "=", "running"), eb("locked_until", "<", now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

type JobChanges = Partial<Pick<JobsTable, "state" | "run_at" | "locked_by" | "locked_until" | "last_error">>;

/**
 * Changes a job only while `workerId` still holds its lease (locked_by and state running). A
 * worker whose lease was taken over must not complete, fail or release the new owner's run.
 */
export async function updateJobIfLeased(
  db: Db,
  { id, workerId, now, changes, releaseAttempt = false }: { id: string; workerId: string; now: string; changes: JobChanges; releaseAttempt?: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ ...changes, updated_at: now, ...(releaseAttempt ? { attempts: sql`case when attempts > 0 then attempts - 1 else 0 end` } : {}) })
    .where("id", "=", id)
    .where("locked_by", "=", workerId)
    .where("state", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Dead-letters a job whose lease expired after its last allowed attempt (its worker crashed every time). */
export async function markExpiredJobDead(db: Db, { id, now }: { id: string; now: string }): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ state: "dead", locked_by: null, locked_until: null, last_error: "lease_expired", updated_at: now })
    .where("id", "=", id)
    .where("state", "=", "running")
    .where("locked_until", "<", now)
    .execute();
}

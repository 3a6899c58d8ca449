import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from "kysely";
import type { Database, VerificationChallengesTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type VerificationChallengeRow = Selectable<VerificationChallengesTable>;

/** The request's subject e-mail, the only address a code for it may be sent to. */
export async function findRequestEmail(db: Db, requestId: string): Promise<{ subject_email: string } | undefined> {
  return db.selectFrom("requests").select("subject_email").where("id", "=", requestId).executeTakeFirst();
}

export async function insertVerificationChallenge(db: Db, row: Insertable<VerificationChallengesTable>): Promise<void> {
  await db.insertInto("verification_challenges").values(row).execute();
}

/** Ends every still-usable code of the request at `now` (a newer code supersedes them). */
export async function expireOpenChallenges(db: Db, where: { requestId: string; kind: string; now: string }): Promise<number> {
  const result = await db
    .updateTable("verification_challenges")
    .set({ expires_at: where.now })
    .where("request_id", "=", where.requestId)
    .where("kind", "=", where.kind)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", where.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The most recently issued challenge of the request: only that one can ever succeed. */
export async function findLatestChallenge(db: Db, where: { requestId: string; kind: string }): Promise<VerificationChallengeRow | undefined> {
  return db
    .selectFrom("verification_challenges")
    .selectAll()
    .where("request_id", "=", where.requestId)
    .where("kind", "=", where.kind)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function findChallenge(db: Db, id: string): Promise<VerificationChallengeRow | undefined> {
  return db.selectFrom("verification_challenges").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Takes one try, atomically: the condition is in the UPDATE itself, so parallel guesses on any
 * number of instances can never push `attempts` past `maxAttempts`. Returns false when no try
 * was left (or the code was used or expired meanwhile).
 */
export async function takeChallengeAttempt(db: Db, where: { id: string; maxAttempts: number; now: string }): Promise<boolean> {
  const result = await db
    .updateTable("verification_challenges")
    .set({ attempts: sql<number>`attempts + 1` })
    .where("id", "=", where.id)
    .where("attempts", "<", where.maxAttempts)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", where.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks the code used; false when another check consumed it first (only one session per code). */
export async function consumeChallenge(db: Db, where: { id: string; now: string }): Promise<boolean> {
  const result = await db
    .updateTable("verification_challenges")
    .set({ consumed_at: where.now })
    .where("id", "=", where.id)
    .where("consumed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether a code sent to the request's address was ever entered: the address is proven (issue 16 item 2). */
export async function hasConsumedChallenge(db: Db, where: { requestId: string; kind: string }): Promise<boolean> {
  const row = await db
    .selectFrom("verification_challenges")
    .select("id")
    .where("request_id", "=", where.requestId)
    .where("kind", "=", where.kind)
    .where("consumed_at", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

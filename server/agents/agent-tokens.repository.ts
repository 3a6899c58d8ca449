import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { AgentTokensTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type AgentTokenRow = Selectable<AgentTokensTable>;
export type AgentTokenPurpose = "email_verify" | "consumer_confirm";

export async function insertAgentToken(db: Db, row: Insertable<AgentTokensTable>): Promise<void> {
  await db.insertInto("agent_tokens").values(row).execute();
}

export async function findAgentToken(db: Db, { id, purpose }: { id: string; purpose: AgentTokenPurpose }): Promise<AgentTokenRow | undefined> {
  return db.selectFrom("agent_tokens").selectAll().where("id", "=", id).where("purpose", "=", purpose).executeTakeFirst();
}

/** Uses a token once: only the first of two racing requests gets `true`. */
export async function useAgentToken(db: Db, { id, now }: { id: string; now: string }): Promise<boolean> {
  const result = await db.updateTable("agent_tokens").set({ used_at: now }).where("id", "=", id).where("used_at", "is", null).where("expires_at", ">", now).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every confirmation link ever issued for an authorization, oldest first (the resend throttle counts them). */
export async function listConsumerConfirmTokens(db: Db, authorizationId: string): Promise<AgentTokenRow[]> {
  return db.selectFrom("agent_tokens").selectAll().where("authorization_id", "=", authorizationId).where("purpose", "=", "consumer_confirm").orderBy("created_at", "asc").execute();
}

/**
 * Ends every unused confirmation link of an authorization but `keepId` by moving its expiry to now:
 * `used_at` keeps meaning "the consumer used it", and the readers' expiry check already refuses it.
 */
export async function expireOtherConsumerConfirmTokens(db: Db, input: { authorizationId: string; keepId: string; now: string }): Promise<void> {
  await db
    .updateTable("agent_tokens")
    .set({ expires_at: input.now })
    .where("authorization_id", "=", input.authorizationId)
    .where("purpose", "=", "consumer_confirm")
    .where("id", "!=", input.keepId)
    .where("used_at", "is", null)
    .where("expires_at", ">", input.now)
    .execute();
}

/** Ends one link at once (a resent mail the mail server refused: its link was never delivered). */
export async function expireAgentToken(db: Db, input: { id: string; now: string }): Promise<void> {
  await db.updateTable("agent_tokens").set({ expires_at: input.now }).where("id", "=", input.id).where("used_at", "is", null).execute();
}

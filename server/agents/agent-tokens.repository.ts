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

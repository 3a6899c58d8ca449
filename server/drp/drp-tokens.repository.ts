import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Stores a freshly minted token (its hash) as the agent's only one: like the reference PIP, each
 * pairwise setup replaces the earlier token, so a leaked old token dies when the agent renews.
 */
export async function replaceDrpToken(db: Db, row: { tokenHash: string; agentId: string; drpVersion: string; now: string }): Promise<void> {
  await db.deleteFrom("drp_tokens").where("agent_id", "=", row.agentId).execute();
  await db.insertInto("drp_tokens").values({ id: row.tokenHash, agent_id: row.agentId, drp_version: row.drpVersion, created_at: row.now }).execute();
}

export async function findDrpTokenAgentId(db: Db, tokenHash: string): Promise<string | undefined> {
  const row = await db.selectFrom("drp_tokens").select("agent_id").where("id", "=", tokenHash).executeTakeFirst();
  return row?.agent_id;
}

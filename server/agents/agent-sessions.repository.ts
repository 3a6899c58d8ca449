import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { AgentSessionsTable, Database } from "../../db/schema";
import type { AgentRow } from "./agents.repository";

type Db = Kysely<Database> | Transaction<Database>;
export type AgentSessionRow = Selectable<AgentSessionsTable>;

export async function insertAgentSession(db: Db, row: Insertable<AgentSessionsTable>): Promise<void> {
  await db.insertInto("agent_sessions").values(row).execute();
}

/** The session row (by hashed token) and its agent, in one read. */
export async function findAgentSessionWithAgent(db: Db, id: string): Promise<{ session: AgentSessionRow; agent: AgentRow } | undefined> {
  const session = await db.selectFrom("agent_sessions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!session) return undefined;
  const agent = await db.selectFrom("agents").selectAll().where("id", "=", session.agent_id).executeTakeFirst();
  return agent ? { session, agent } : undefined;
}

export async function touchAgentSession(db: Db, { id, now }: { id: string; now: string }): Promise<void> {
  await db.updateTable("agent_sessions").set({ last_seen_at: now }).where("id", "=", id).where("revoked_at", "is", null).execute();
}

export async function revokeAgentSessionRow(db: Db, { id, now }: { id: string; now: string }): Promise<void> {
  await db.updateTable("agent_sessions").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).execute();
}

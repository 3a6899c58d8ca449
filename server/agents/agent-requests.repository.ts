import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, RequestsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type AgentRequestRow = Pick<
  Selectable<RequestsTable>,
  "id" | "type" | "state" | "period" | "subject_name" | "receipt_date" | "due_date" | "extended_due_date" | "denial_reason" | "completed_at" | "created_at"
>;

const COLUMNS = ["id", "type", "state", "period", "subject_name", "receipt_date", "due_date", "extended_due_date", "denial_reason", "completed_at", "created_at"] as const;

/** An agent's own requests, newest first. The agent_id condition is the whole access rule (R23). */
export async function listRequestsOfAgent(db: Db, agentId: string): Promise<AgentRequestRow[]> {
  return db.selectFrom("requests").select(COLUMNS).where("agent_id", "=", agentId).orderBy("created_at", "desc").limit(500).execute();
}

/** One request, only if this agent made it: another agent's id reads exactly like a made-up one. */
export async function findRequestOfAgent(db: Db, { requestId, agentId }: { requestId: string; agentId: string }): Promise<AgentRequestRow | undefined> {
  return db.selectFrom("requests").select(COLUMNS).where("id", "=", requestId).where("agent_id", "=", agentId).executeTakeFirst();
}

import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, DrpRequestsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type DrpRequestRow = Selectable<DrpRequestsTable>;

export async function insertDrpRequest(db: Db, row: Insertable<DrpRequestsTable>): Promise<void> {
  await db.insertInto("drp_requests").values(row).execute();
}

export async function findDrpRequest(db: Db, requestId: string): Promise<DrpRequestRow | undefined> {
  return db.selectFrom("drp_requests").selectAll().where("request_id", "=", requestId).executeTakeFirst();
}

export async function findDrpRequestByAgentRequestId(db: Db, agentId: string, agentRequestId: string): Promise<DrpRequestRow | undefined> {
  return db.selectFrom("drp_requests").selectAll().where("agent_id", "=", agentId).where("agent_request_id", "=", agentRequestId).executeTakeFirst();
}

export async function markDrpRequestRevoked(db: Db, requestId: string, now: string): Promise<void> {
  await db.updateTable("drp_requests").set({ revoked_at: now }).where("request_id", "=", requestId).where("revoked_at", "is", null).execute();
}

/** Records which change's status was last queued for the agent's status_callback, and that status. */
export async function setDrpCallbackQueued(db: Db, requestId: string, queued: { changeId: string; status: string }): Promise<void> {
  await db.updateTable("drp_requests").set({ callback_change_id: queued.changeId, callback_status: queued.status }).where("request_id", "=", requestId).execute();
}

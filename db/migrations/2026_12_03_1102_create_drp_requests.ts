import type { Kysely } from "kysely";

// What a DRP agent sent with a request that the requests table has no column for: its own id for
// the request, where to POST status changes, and whether the agent revoked it (DRP 1.0 §2.01-2.04).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("drp_requests")
    .addColumn("request_id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("agent_id", "varchar(26)", (c) => c.notNull())
    .addColumn("agent_request_id", "varchar(191)")
    .addColumn("status_callback", "varchar(2048)")
    .addColumn("drp_version", "varchar(16)", (c) => c.notNull())
    .addColumn("exercise", "varchar(32)", (c) => c.notNull())
    .addColumn("regime", "varchar(32)")
    .addColumn("revoked_at", "varchar(23)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  // An agent re-sending its own request id gets the existing request back, never a second one.
  await db.schema
    .createIndex("drp_requests_agent_request")
    .on("drp_requests")
    .columns(["agent_id", "agent_request_id"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("drp_requests").execute();
}

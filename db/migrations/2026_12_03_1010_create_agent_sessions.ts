import type { Kysely } from "kysely";

// Agent sessions (ADR 003, ADR 013): a table of their own beside staff_sessions, so an agent
// session can never be read as a staff session and the two can be revoked and purged apart.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agent_sessions")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("agent_id", "varchar(26)", (c) => c.notNull().references("agents.id").onDelete("cascade"))
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("last_seen_at", "varchar(23)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addColumn("revoked_at", "varchar(23)")
    .execute();
  await db.schema.createIndex("agent_sessions_agent").on("agent_sessions").column("agent_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("agent_sessions").execute();
}

import type { Kysely } from "kysely";

// Single-use, expiring links sent by mail: an agent's e-mail confirmation and the consumer's
// "did you authorize this agent?" link (11 CCR 7063(a)(2)). Only the SHA-256 of the token is kept.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agent_tokens")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("purpose", "varchar(24)", (c) => c.notNull())
    .addColumn("agent_id", "varchar(26)", (c) => c.notNull().references("agents.id").onDelete("cascade"))
    .addColumn("authorization_id", "varchar(26)", (c) => c.references("authorizations.id").onDelete("cascade"))
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addColumn("used_at", "varchar(23)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agent_tokens_agent").on("agent_tokens").column("agent_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("agent_tokens").execute();
}

import type { Kysely } from "kysely";

// Pairwise bearer tokens minted for Data Rights Protocol agents (DRP 1.0 §2.05). Only the SHA-256
// of a token is stored, so a database leak does not let anyone act as an agent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("drp_tokens")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("agent_id", "varchar(26)", (c) => c.notNull())
    .addColumn("drp_version", "varchar(16)", (c) => c.notNull())
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("drp_tokens_agent").on("drp_tokens").column("agent_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("drp_tokens").execute();
}

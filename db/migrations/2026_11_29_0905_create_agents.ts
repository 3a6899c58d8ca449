import type { Kysely } from "kysely";

// Authorized agents: natural persons or business entities (11 CCR 7001(d), 7063), including DRP agents.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("agents")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("email", "varchar(320)", (c) => c.notNull().unique())
    .addColumn("sos_number", "varchar(64)")
    .addColumn("password_hash", "varchar(255)")
    .addColumn("totp_secret", "varchar(128)")
    .addColumn("email_verified_at", "varchar(23)")
    .addColumn("drp_agent_id", "varchar(255)", (c) => c.unique())
    .addColumn("drp_verify_key", "varchar(255)")
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(23)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("agents").execute();
}

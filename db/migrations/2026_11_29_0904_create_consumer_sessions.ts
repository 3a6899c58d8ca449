import type { Kysely } from "kysely";

// Sessions bound to one verified requester and one request; revocable because they live here (ADR 003).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consumer_sessions")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addColumn("revoked_at", "varchar(23)")
    .execute();
  await db.schema.createIndex("consumer_sessions_request").on("consumer_sessions").column("request_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("consumer_sessions").execute();
}

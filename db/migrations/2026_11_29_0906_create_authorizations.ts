import type { Kysely } from "kysely";

// An agent's proof of authority for one request: signed permission or power of attorney (7063).
// The document itself is stored encrypted outside the web root; this row only points at it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("authorizations")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("agent_id", "varchar(26)", (c) => c.notNull().references("agents.id"))
    .addColumn("kind", "varchar(24)", (c) => c.notNull())
    .addColumn("storage_key", "varchar(255)", (c) => c.notNull())
    .addColumn("mime_type", "varchar(64)", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    .addColumn("consumer_confirmed_at", "varchar(23)")
    .addColumn("consumer_refused_at", "varchar(23)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("authorizations_request").on("authorizations").column("request_id").execute();
  await db.schema.createIndex("authorizations_agent").on("authorizations").column("agent_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("authorizations").execute();
}

import type { Kysely } from "kysely";

// Expiring, revocable download links bound to the requester of record (11 CCR 7024(f)-(g); X9, X10).
// The id is the SHA-256 of the random token in the URL: a leaked table yields no usable link.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("download_links")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("format", "varchar(8)")
    .addColumn("consumer_session_id", "varchar(64)")
    .addColumn("agent_id", "varchar(26)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addColumn("revoked_at", "varchar(23)")
    .addColumn("last_used_at", "varchar(23)")
    .execute();
  await db.schema.createIndex("download_links_request").on("download_links").column("request_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("download_links").execute();
}

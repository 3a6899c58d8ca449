import type { Kysely } from "kysely";

// Generated disclosures (JSON and PDF), encrypted at rest; files are purged after the download
// window while the request record is kept for 24 months (11 CCR 7101).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reports")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("format", "varchar(8)", (c) => c.notNull())
    .addColumn("storage", "varchar(16)", (c) => c.notNull())
    .addColumn("storage_key", "varchar(255)", (c) => c.notNull())
    .addColumn("sha256", "varchar(64)", (c) => c.notNull())
    .addColumn("size_bytes", "bigint", (c) => c.notNull())
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addColumn("purged_at", "varchar(23)")
    .execute();
  // One JSON and one PDF per request: a retried render replaces, never duplicates.
  await db.schema.createIndex("reports_request_format").on("reports").columns(["request_id", "format"]).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("reports").execute();
}

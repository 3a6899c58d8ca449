import type { Kysely } from "kysely";

// A reviewer's decision to keep a field (or one record's field) out of a disclosure before release,
// with a coded basis and a written one (1798.145(k) for other people's information, X21; R35, R42).
// record_key null = the field in every record of the request's spool.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("review_withholdings")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("field_id", "varchar(200)", (c) => c.notNull())
    .addColumn("record_key", "varchar(200)")
    .addColumn("reason_code", "varchar(32)", (c) => c.notNull())
    .addColumn("reason_text", "text", (c) => c.notNull())
    .addColumn("staff_id", "varchar(26)", (c) => c.notNull())
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("review_withholdings_request").on("review_withholdings").column("request_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("review_withholdings").execute();
}

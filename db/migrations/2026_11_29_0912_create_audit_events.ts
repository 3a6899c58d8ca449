import { sql, type Kysely } from "kysely";

// Append-only, hash-chained audit trail: each row's hash covers the previous row's hash, so an
// edited or deleted row breaks the chain (R38-R40, 11 CCR 7101).
export async function up(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter.constructor.name === "MysqlAdapter";
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull().unique())
    .addColumn("at", "varchar(23)", (c) => c.notNull())
    .addColumn("actor_kind", "varchar(16)", (c) => c.notNull())
    .addColumn("actor_id", "varchar(26)")
    .addColumn("action", "varchar(64)", (c) => c.notNull())
    .addColumn("request_id", "varchar(26)")
    .addColumn("details", mysql ? sql`longtext` : "text", (c) => c.notNull())
    .addColumn("prev_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("hash", "varchar(64)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_request").on("audit_events").column("request_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_events").execute();
}

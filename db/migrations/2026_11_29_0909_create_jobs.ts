import { sql, type Kysely } from "kysely";

// The durable job queue. Claimed with FOR UPDATE SKIP LOCKED on MySQL and under SQLite's single
// writer otherwise; a lease (locked_until) lets another worker take over a crashed worker's job.
export async function up(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter.constructor.name === "MysqlAdapter";
  await db.schema
    .createTable("jobs")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("kind", "varchar(64)", (c) => c.notNull())
    .addColumn("payload", mysql ? sql`longtext` : "text", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull())
    .addColumn("idempotency_key", "varchar(191)", (c) => c.notNull().unique())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("run_at", "varchar(23)", (c) => c.notNull())
    .addColumn("locked_by", "varchar(64)")
    .addColumn("locked_until", "varchar(23)")
    .addColumn("last_error", "text")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_claim").on("jobs").columns(["state", "run_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("jobs").execute();
}

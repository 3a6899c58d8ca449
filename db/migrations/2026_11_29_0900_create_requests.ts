import { sql, type Kysely } from "kysely";

// Migrations are frozen in time: they import nothing from the app (docs/decisions/002).
export async function up(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter.constructor.name === "MysqlAdapter";
  await db.schema
    .createTable("requests")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("type", "varchar(16)", (c) => c.notNull())
    .addColumn("state", "varchar(32)", (c) => c.notNull())
    .addColumn("channel", "varchar(16)", (c) => c.notNull())
    .addColumn("period", "varchar(16)", (c) => c.notNull())
    .addColumn("period_start", "varchar(10)", (c) => c.notNull())
    .addColumn("period_end", "varchar(10)", (c) => c.notNull())
    .addColumn("language", "varchar(8)", (c) => c.notNull())
    .addColumn("received_at", "varchar(23)", (c) => c.notNull())
    .addColumn("receipt_date", "varchar(10)", (c) => c.notNull())
    .addColumn("due_date", "varchar(10)", (c) => c.notNull())
    .addColumn("extended_due_date", "varchar(10)")
    .addColumn("extension_reason", "text")
    .addColumn("verification_level", "varchar(24)", (c) => c.notNull())
    .addColumn("california_resident", "integer")
    .addColumn("subject_name", "varchar(200)", (c) => c.notNull())
    .addColumn("subject_email", "varchar(320)", (c) => c.notNull())
    .addColumn("subject_phone", "varchar(40)")
    .addColumn("subject_address", mysql ? sql`longtext` : "text")
    .addColumn("agent_id", "varchar(26)")
    .addColumn("denial_reason", "varchar(32)")
    .addColumn("completed_at", "varchar(23)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(23)", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // The ops queue reads by state ordered by due date; frequency checks (1798.130(b)) read by e-mail.
  await db.schema.createIndex("requests_state_due").on("requests").columns(["state", "due_date"]).execute();
  await db.schema.createIndex("requests_subject_email").on("requests").column("subject_email").execute();
  await db.schema.createIndex("requests_agent").on("requests").column("agent_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("requests").execute();
}

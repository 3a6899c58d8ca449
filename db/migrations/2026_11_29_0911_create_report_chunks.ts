import { sql, type Kysely } from "kysely";

// Encrypted report bytes in the database, for deployments with several web instances (REPORT_STORAGE=database).
export async function up(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter.constructor.name === "MysqlAdapter";
  await db.schema
    .createTable("report_chunks")
    .addColumn("report_id", "varchar(26)", (c) => c.notNull().references("reports.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("data", mysql ? sql`longblob` : "blob", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_chunks_pk", ["report_id", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_chunks").execute();
}

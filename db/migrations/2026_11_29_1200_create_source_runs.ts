import type { Kysely } from "kysely";

// One row per source per collection run (issue 7, connectors health): ids, status, counts and an
// error code only. A SourceRun carries no personal data, so neither does this table.
// request_id is nullable and not a foreign key: a run outlives nothing it names, and a purged or
// future non-request run (a health check) still has a place here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("source_runs")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)")
    .addColumn("source_id", "varchar(100)", (c) => c.notNull())
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("records", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("duration_ms", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error_code", "varchar(64)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("source_runs_source_created").on("source_runs").columns(["source_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("source_runs").execute();
}

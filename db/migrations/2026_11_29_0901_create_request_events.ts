import type { Kysely } from "kysely";

// The state history of each request: who moved it, when and why (R38-R40 record keeping).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("request_events")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("from_state", "varchar(32)")
    .addColumn("to_state", "varchar(32)", (c) => c.notNull())
    .addColumn("actor_kind", "varchar(16)", (c) => c.notNull())
    .addColumn("actor_id", "varchar(26)")
    .addColumn("reason", "text")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("request_events_request").on("request_events").columns(["request_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("request_events").execute();
}

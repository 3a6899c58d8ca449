import type { Kysely } from "kysely";

// Staff sessions in the database so they expire and can be revoked (ADR 003).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("staff_sessions")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("user_id", "varchar(26)", (c) => c.notNull().references("staff_users.id").onDelete("cascade"))
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("last_seen_at", "varchar(23)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addColumn("revoked_at", "varchar(23)")
    .execute();
  await db.schema.createIndex("staff_sessions_user").on("staff_sessions").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("staff_sessions").execute();
}

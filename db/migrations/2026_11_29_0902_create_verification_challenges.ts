import type { Kysely } from "kysely";

// One-time e-mail codes: stored hashed, single use, short-lived, with a try counter (7060(f); X8).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("verification_challenges")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("kind", "varchar(16)", (c) => c.notNull())
    .addColumn("code_hash", "varchar(128)", (c) => c.notNull())
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("consumed_at", "varchar(23)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("verification_challenges_request").on("verification_challenges").columns(["request_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("verification_challenges").execute();
}

import type { Kysely } from "kysely";

// Signed DRP messages already accepted, by hash, until their expires-at: a captured body sent a
// second time inside its validity window is refused (replay protection beyond DRP 1.0 §3.07).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("drp_replays")
    .addColumn("id", "varchar(64)", (c) => c.primaryKey())
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("drp_replays_expires").on("drp_replays").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("drp_replays").execute();
}

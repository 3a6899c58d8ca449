import type { Kysely } from "kysely";

// Failed sign-ins counted per (account address, IP) pair, per IP, and per account episode (issue 16
// item 5, ADR 040). In the portal database, so every HTTP worker process and instance agrees.
// `bucket` is a keyed hash of the counted key: no e-mail address or IP in clear.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_throttles")
    .addColumn("bucket", "varchar(64)", (c) => c.primaryKey())
    .addColumn("scope", "varchar(16)", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_failure_at", "varchar(23)", (c) => c.notNull())
    .addColumn("blocked_until", "varchar(23)")
    .execute();
  await db.schema.createIndex("sign_in_throttles_last_failure").on("sign_in_throttles").column("last_failure_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sign_in_throttles").execute();
}

import type { Kysely } from "kysely";

// Hit counters per key and fixed time window, shared by every web instance on this database, so
// code and verification limits hold across instances (11 CCR 7060(f): detect and stop fraudulent
// verification; R18, X3). `bucket` is a keyed hash of the limited key: no e-mail or IP in clear.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limit_hits")
    .addColumn("bucket", "varchar(64)", (c) => c.notNull())
    .addColumn("window_seconds", "integer", (c) => c.notNull())
    .addColumn("window_start", "varchar(23)", (c) => c.notNull())
    .addColumn("hits", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expires_at", "varchar(23)", (c) => c.notNull())
    .addPrimaryKeyConstraint("rate_limit_hits_pk", ["bucket", "window_seconds", "window_start"])
    .execute();
  await db.schema.createIndex("rate_limit_hits_expires").on("rate_limit_hits").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("rate_limit_hits").execute();
}

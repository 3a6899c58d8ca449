import type { Kysely } from "kysely";

// Privacy-operations staff (R42: people handling requests are informed and accountable).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("staff_users")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("email", "varchar(320)", (c) => c.notNull().unique())
    .addColumn("name", "varchar(200)", (c) => c.notNull())
    .addColumn("role", "varchar(16)", (c) => c.notNull())
    .addColumn("password_hash", "varchar(255)", (c) => c.notNull())
    .addColumn("totp_secret", "varchar(128)")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "varchar(23)")
    .addColumn("disabled_at", "varchar(23)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(23)", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("staff_users").execute();
}

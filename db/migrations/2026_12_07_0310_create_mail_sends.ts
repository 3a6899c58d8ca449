import type { Kysely } from "kysely";

// One row per lifecycle mail, written before it is handed to the mail server and marked after
// (issue 16 item 9, ADR 041): a retry after a crash or a database outage between the two sends
// again with the same Message-ID, so receiving servers and clients see one message.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mail_sends")
    .addColumn("once_key", "varchar(191)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("template", "varchar(64)", (c) => c.notNull())
    .addColumn("message_id", "varchar(191)", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sent_at", "varchar(23)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .addColumn("updated_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mail_sends_request").on("mail_sends").column("request_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mail_sends").execute();
}

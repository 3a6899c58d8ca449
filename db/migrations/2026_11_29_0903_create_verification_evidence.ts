import { sql, type Kysely } from "kysely";

// What verification rested on: matched data-point names and the signed declaration (7062(c); R38).
export async function up(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter.constructor.name === "MysqlAdapter";
  await db.schema
    .createTable("verification_evidence")
    .addColumn("id", "varchar(26)", (c) => c.primaryKey())
    .addColumn("request_id", "varchar(26)", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addColumn("matched_points", mysql ? sql`longtext` : "text", (c) => c.notNull())
    .addColumn("level", "varchar(24)", (c) => c.notNull())
    .addColumn("declaration_name", "varchar(200)")
    .addColumn("declaration_at", "varchar(23)")
    .addColumn("declaration_ip", "varchar(64)")
    .addColumn("created_at", "varchar(23)", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("verification_evidence_request").on("verification_evidence").column("request_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("verification_evidence").execute();
}

import type { Kysely } from "kysely";

// A withholding by match (issue 17, item 2): "withhold every value that contains <text>" across the
// whole disclosure is one row (field_id "*", record_key null) applied while rendering, not one row
// per record. The text may name another person, so it lives here and never in the audit trail.
export async function up(db: Kysely<any>): Promise<void> {
  const tables = await db.introspection.getTables();
  const present = tables.find((t) => t.name === "review_withholdings")?.columns.some((c) => c.name === "match_text");
  if (!present) await db.schema.alterTable("review_withholdings").addColumn("match_text", "varchar(200)").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("review_withholdings").dropColumn("match_text").execute();
}

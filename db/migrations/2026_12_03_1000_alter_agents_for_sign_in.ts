import type { Kysely } from "kysely";

// Agent accounts get the staff accounts' sign-in protection (docs/decisions/013-authorized-agents.md):
// a failure counter and a pause for lockout, an optional TOTP (a secret pending until a first code
// confirms it, the last step accepted: no replay) and when the
// agent accepted the duties of 11 CCR 7063(c)-(d) (R23). SQLite adds one column per ALTER; each
// column is added only when missing, so an interrupted run can simply be re-run.
const COLUMNS = [
  { name: "failed_logins", type: "integer" },
  { name: "locked_until", type: "varchar(23)" },
  { name: "totp_pending_secret", type: "varchar(128)" },
  { name: "totp_last_step", type: "integer" },
  { name: "terms_accepted_at", type: "varchar(23)" },
] as const;

async function existingColumns(db: Kysely<any>): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  const table = tables.find((t) => t.name === "agents");
  return new Set(table?.columns.map((c) => c.name) ?? []);
}

export async function up(db: Kysely<any>): Promise<void> {
  const present = await existingColumns(db);
  for (const column of COLUMNS) {
    if (present.has(column.name)) continue;
    await db.schema
      .alterTable("agents")
      .addColumn(column.name, column.type, (c) => (column.name === "failed_logins" ? c.notNull().defaultTo(0) : c))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const present = await existingColumns(db);
  for (const column of [...COLUMNS].reverse()) {
    if (present.has(column.name)) await db.schema.alterTable("agents").dropColumn(column.name).execute();
  }
}

import type { Kysely } from "kysely";

// TOTP for staff (docs/decisions/010-staff-authentication.md): a secret waiting for its first code
// during enrolment, and the last time step accepted so a code cannot be replayed (RFC 6238 §5.2).
// SQLite adds one column per ALTER; each column is added only when missing, so a run interrupted
// between the two statements (DDL is not transactional on either dialect) can simply be re-run.
const COLUMNS = [
  { name: "totp_pending_secret", type: "varchar(128)" },
  { name: "totp_last_step", type: "integer" },
] as const;

async function existingColumns(db: Kysely<any>): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  const table = tables.find((t) => t.name === "staff_users");
  return new Set(table?.columns.map((c) => c.name) ?? []);
}

export async function up(db: Kysely<any>): Promise<void> {
  const present = await existingColumns(db);
  for (const column of COLUMNS) {
    if (!present.has(column.name)) await db.schema.alterTable("staff_users").addColumn(column.name, column.type).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const present = await existingColumns(db);
  for (const column of [...COLUMNS].reverse()) {
    if (present.has(column.name)) await db.schema.alterTable("staff_users").dropColumn(column.name).execute();
  }
}

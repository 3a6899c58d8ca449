import type { Kysely } from "kysely";

// The per-account failure counter and lock of staff and agents were replaced by the sign-in
// throttle (ADR 040: counted per address and IP, never locking the account itself, in
// sign_in_throttles); nothing reads or writes these columns since, so they go. Each column is
// dropped only when present, so an interrupted run can simply be re-run.
const TABLES = ["staff_users", "agents"] as const;
const COLUMNS = ["failed_logins", "locked_until"] as const;

async function columnsOf(db: Kysely<any>, name: string): Promise<Set<string>> {
  const table = (await db.introspection.getTables()).find((t) => t.name === name);
  return new Set(table?.columns.map((c) => c.name) ?? []);
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    const present = await columnsOf(db, table);
    for (const column of COLUMNS) if (present.has(column)) await db.schema.alterTable(table).dropColumn(column).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    const present = await columnsOf(db, table);
    if (!present.has("failed_logins")) await db.schema.alterTable(table).addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0)).execute();
    if (!present.has("locked_until")) await db.schema.alterTable(table).addColumn("locked_until", "varchar(23)").execute();
  }
}

import type { Kysely } from "kysely";

// The ops queue finds a request by the requester's e-mail address or phone (issue 17.4) through
// keyed hashes (HMAC under a key derived from SESSION_SECRET, which is not in the database), so the
// database holds no plain index of who asked (ADR 039). The plain e-mail index goes: nothing looks
// a request up by its plain address. Each step runs only when needed, so a re-run completes.
const COLUMNS = ["subject_email_key", "subject_phone_key"] as const;

const isMysql = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === "MysqlAdapter";

/** DROP INDEX names the table on MySQL and must not on SQLite. */
async function dropIndex(db: Kysely<any>, name: string): Promise<void> {
  const statement = db.schema.dropIndex(name);
  await (isMysql(db) ? statement.on("requests") : statement).execute();
}

async function present(db: Kysely<any>): Promise<{ columns: Set<string>; indexes: Set<string> }> {
  const tables = await db.introspection.getTables();
  const columns = new Set(tables.find((t) => t.name === "requests")?.columns.map((c) => c.name) ?? []);
  // Kysely's introspection lists no indexes: ask each dialect.
  const rows = isMysql(db)
    ? await db.selectFrom("information_schema.statistics" as any).select("index_name as name").where("table_schema", "=", db.fn("database" as any)).where("table_name", "=", "requests").execute()
    : await db.selectFrom("sqlite_master" as any).select("name").where("type", "=", "index").where("tbl_name", "=", "requests").execute();
  return { columns, indexes: new Set(rows.map((r: any) => String(r.name ?? r.NAME ?? r.INDEX_NAME))) };
}

export async function up(db: Kysely<any>): Promise<void> {
  const { columns, indexes } = await present(db);
  for (const name of COLUMNS) {
    if (!columns.has(name)) await db.schema.alterTable("requests").addColumn(name, "varchar(80)").execute();
    if (!indexes.has(`requests_${name}`)) await db.schema.createIndex(`requests_${name}`).on("requests").column(name).execute();
  }
  if (indexes.has("requests_subject_email")) await dropIndex(db, "requests_subject_email");
}

export async function down(db: Kysely<any>): Promise<void> {
  const { columns, indexes } = await present(db);
  if (!indexes.has("requests_subject_email")) await db.schema.createIndex("requests_subject_email").on("requests").column("subject_email").execute();
  for (const name of COLUMNS) {
    if (indexes.has(`requests_${name}`)) await dropIndex(db, `requests_${name}`);
    if (columns.has(name)) await db.schema.alterTable("requests").dropColumn(name).execute();
  }
}

import { sql, type Kysely } from "kysely";

/** Most rows one address may stand for; more means the column is no identifier (a shared inbox). */
export const MAX_IDENTITY_ROWS = 5;

/**
 * The identity columns of the rows whose e-mail column equals `email` (already lower case),
 * compared case-insensitively. Only the named columns are read (11 CCR 7060(c): verification
 * uses the data points it needs, nothing else); each comes back under its data-point name.
 * Table and column names come from a validated data map and are quoted as identifiers; the
 * address is a bound parameter.
 *
 * @example
 * await findIdentityRows(db, { table: "users", emailColumn: "email", columns: { email: "email", phone: "phone" }, email: "a@b.example" });
 * // [{ email: "a@b.example", phone: "(415) 555-0142" }]
 */
export async function findIdentityRows(
  db: Kysely<any>,
  input: { table: string; emailColumn: string; columns: Readonly<Record<string, string>>; email: string },
): Promise<Record<string, unknown>[]> {
  const selections = Object.entries(input.columns).map(([point, column]) => sql.ref(`${input.table}.${column}`).as(point));
  return db
    .selectFrom(input.table)
    .select(selections)
    .where((eb) => eb(eb.fn("lower", [sql.ref(`${input.table}.${input.emailColumn}`)]), "=", input.email))
    .limit(MAX_IDENTITY_ROWS)
    .execute();
}

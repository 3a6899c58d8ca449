import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import type { Database, MailSendsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type MailSendRow = Selectable<MailSendsTable>;

export async function findMailSend(db: Db, onceKey: string): Promise<MailSendRow | undefined> {
  return db.selectFrom("mail_sends").selectAll().where("once_key", "=", onceKey).executeTakeFirst();
}

/**
 * Records one more attempt at a mail before it is handed to the mail server, creating its row on
 * the first (insert-or-ignore, both dialects: the Message-ID of the first attempt stays), and
 * returns the row as it now is. A first attempt is one statement: the row is inserted with its
 * first attempt counted and is then exactly what was written (ADR 057); only when a row already
 * existed (a retry) is it counted up and read back.
 */
export async function recordMailSendAttempt(
  db: Db,
  row: { onceKey: string; requestId: string; template: string; messageId: string; now: string },
): Promise<MailSendRow> {
  const first = { once_key: row.onceKey, request_id: row.requestId, template: row.template, message_id: row.messageId, attempts: 1, sent_at: null, created_at: row.now, updated_at: row.now };
  // Both dialects report an ignored row as 0 rows (MySQL INSERT IGNORE: 0 affected; SQLite: 0 changes).
  const inserted = await db.insertInto("mail_sends").orIgnore().values(first).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return first;
  await db.updateTable("mail_sends").set({ attempts: sql<number>`attempts + 1`, updated_at: row.now }).where("once_key", "=", row.onceKey).execute();
  return db.selectFrom("mail_sends").selectAll().where("once_key", "=", row.onceKey).executeTakeFirstOrThrow();
}

export async function markMailSendSent(db: Db, { onceKey, now }: { onceKey: string; now: string }): Promise<void> {
  await db.updateTable("mail_sends").set({ sent_at: now, updated_at: now }).where("once_key", "=", onceKey).where("sent_at", "is", null).execute();
}

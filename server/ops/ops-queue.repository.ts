import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export interface QueueWhere {
  /** Exact id: every other filter is ignored. */
  id: string | null;
  /** Only these states; null = any. */
  states: readonly string[] | null;
  /** Exclude these states (the "open" view leaves out answered requests). */
  excludeStates: readonly string[];
  channel: string | null;
  type: string | null;
  agent: boolean | null;
  /** Keyed hashes (ADR 039): exact matches on the indexed key columns. */
  emailKey: string | null;
  phoneKey: string | null;
  /** Part of the requester's name, matched case-insensitively anywhere in it. */
  name: string | null;
  /** Effective due date on or before this date (YYYY-MM-DD). */
  dueOnOrBefore: string | null;
  /** Effective due date strictly before this date. */
  dueBefore: string | null;
}

export type QueueOrder = "due" | "due_desc" | "received_desc" | "received";

/**
 * What a queue row may show. Deliberately no e-mail, phone or address: a list is seen at a glance
 * and over shoulders, and a reviewer needs those only on the request page, whose every view is
 * audited.
 */
export interface QueueRow {
  id: string;
  type: string;
  channel: string;
  state: string;
  receipt_date: string;
  due_date: string;
  extended_due_date: string | null;
  subject_name: string;
  agent_id: string | null;
}

/** LIKE treats % and _ as wildcards: a name containing them is matched literally ("!" escapes: a backslash means different things in MySQL and SQLite literals). */
function likePattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

function filtered(db: Db, where: QueueWhere) {
  let query = db.selectFrom("requests");
  if (where.id !== null) return query.where("id", "=", where.id);
  if (where.states) query = query.where("state", "in", [...where.states]);
  if (where.excludeStates.length > 0) query = query.where("state", "not in", [...where.excludeStates]);
  if (where.channel) query = query.where("channel", "=", where.channel);
  if (where.type) query = query.where("type", "=", where.type);
  if (where.agent !== null) query = query.where("agent_id", where.agent ? "is not" : "is", null);
  if (where.emailKey) query = query.where("subject_email_key", "=", where.emailKey);
  if (where.phoneKey) query = query.where("subject_phone_key", "=", where.phoneKey);
  // lower() on both sides: SQLite's LIKE folds ASCII only; MySQL's collation folds case and accents.
  if (where.name) query = query.where(sql<boolean>`lower(subject_name) like lower(${likePattern(where.name)}) escape '!'`);
  const due = sql<string>`coalesce(extended_due_date, due_date)`;
  if (where.dueOnOrBefore) query = query.where(due, "<=", where.dueOnOrBefore);
  if (where.dueBefore) query = query.where(due, "<", where.dueBefore);
  return query;
}

/**
 * One page of the queue, soonest effective due date first by default (the extended date once
 * there is one; R8: the queue sorts by due date). Ties go to the earlier receipt, then the id, so
 * pages never overlap.
 */
export async function listQueueRows(db: Db, where: QueueWhere, page: { limit: number; offset: number; order?: QueueOrder }): Promise<QueueRow[]> {
  const order = page.order ?? "due";
  const direction = order === "due_desc" || order === "received_desc" ? "desc" : "asc";
  let query = filtered(db, where).select(["id", "type", "channel", "state", "receipt_date", "due_date", "extended_due_date", "subject_name", "agent_id"]);
  query = order.startsWith("due") ? query.orderBy((eb) => eb.fn.coalesce("extended_due_date", "due_date"), direction).orderBy("received_at", direction) : query.orderBy("received_at", direction);
  return query.orderBy("id", direction).limit(page.limit).offset(page.offset).execute();
}

export async function countQueueRows(db: Db, where: QueueWhere): Promise<number> {
  const row = await filtered(db, where)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  // MySQL returns COUNT(*) as a string or bigint.
  return Number(row?.n ?? 0);
}

/** How many unanswered requests fall due on each date (effective due date): the burn-down's input. */
export async function countOpenRequestsByDueDate(db: Db, answeredStates: readonly string[]): Promise<{ due: string; n: number }[]> {
  const due = sql<string>`coalesce(extended_due_date, due_date)`;
  const rows = await db
    .selectFrom("requests")
    .select([due.as("due"), (eb) => eb.fn.countAll().as("n")])
    .where("state", "not in", [...answeredStates])
    .groupBy(due)
    .execute();
  return rows.map((r) => ({ due: String(r.due), n: Number(r.n) }));
}

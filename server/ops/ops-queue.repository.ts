import type { Kysely, Transaction } from "kysely";
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
}

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

function filtered(db: Db, where: QueueWhere) {
  let query = db.selectFrom("requests");
  if (where.id !== null) return query.where("id", "=", where.id);
  if (where.states) query = query.where("state", "in", [...where.states]);
  if (where.excludeStates.length > 0) query = query.where("state", "not in", [...where.excludeStates]);
  if (where.channel) query = query.where("channel", "=", where.channel);
  if (where.type) query = query.where("type", "=", where.type);
  if (where.agent !== null) query = query.where("agent_id", where.agent ? "is not" : "is", null);
  return query;
}

/**
 * One page of the queue, soonest effective due date first (the extended date once there is one;
 * R8: the queue sorts by due date). Ties go to the earlier receipt, then the id, so pages never
 * overlap.
 */
export async function listQueueRows(db: Db, where: QueueWhere, page: { limit: number; offset: number }): Promise<QueueRow[]> {
  return filtered(db, where)
    .select(["id", "type", "channel", "state", "receipt_date", "due_date", "extended_due_date", "subject_name", "agent_id"])
    .orderBy((eb) => eb.fn.coalesce("extended_due_date", "due_date"))
    .orderBy("received_at")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countQueueRows(db: Db, where: QueueWhere): Promise<number> {
  const row = await filtered(db, where)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirst();
  // MySQL returns COUNT(*) as a string or bigint.
  return Number(row?.n ?? 0);
}

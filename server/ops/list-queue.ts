import type { AppContext } from "../context";
import { addDays, calendarDateIn } from "../lib/calendar-date";
import { emailSearchKey, phoneSearchKey } from "../requests/request-search-keys";
import { classifyDue } from "../requests/classify-due";
import { RECEIPT_TIME_ZONE, type DueStatus } from "../requests/deadlines.shared";
import { RESPONDED_STATES, type RequestState } from "../requests/request-states.shared";
import { countQueueRows, listQueueRows, type QueueWhere } from "./ops-queue.repository";
import { QUEUE_PAGE_SIZE, type QueueQuery } from "./queue-query";

export interface QueueItem {
  id: string;
  type: string;
  channel: string;
  state: string;
  subjectName: string;
  viaAgent: boolean;
  receiptDate: string;
  /** The date the response is due by now: the extended one once the request was extended. */
  dueDate: string;
  extended: boolean;
  /** null once the request is answered: its clock has stopped (11 CCR 7101(a) keeps the dates). */
  due: { daysLeft: number; status: DueStatus } | null;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pageCount: number;
}

function toWhere(ctx: AppContext, query: QueueQuery, today: string): QueueWhere {
  const search = query.search;
  return {
    id: search?.kind === "id" ? search.id : null,
    states: query.state === "open" || query.state === "all" ? null : [query.state],
    excludeStates: query.state === "open" || query.due ? RESPONDED_STATES : [],
    channel: query.channel,
    type: query.type,
    agent: query.agent,
    emailKey: search?.kind === "email" ? emailSearchKey(ctx.env, search.email) : null,
    phoneKey: search?.kind === "phone" ? phoneSearchKey(ctx.env, search.phone) : null,
    name: search?.kind === "name" ? search.name : null,
    // A due window is about the clock still running: answered requests are left out (R8).
    dueOnOrBefore: query.due && query.due !== "overdue" ? addDays(today, Number(query.due)) : null,
    dueBefore: query.due === "overdue" ? today : null,
  };
}

/**
 * The ops queue: requests by effective due date with how much of the legal clock is left (R8: the
 * queue sorts by due date and alarms before day 45; R42: review time counts against it). "Today"
 * is the Pacific calendar date, the zone that also decides the extension cut-off (X20).
 */
export async function listQueue(ctx: AppContext, input: { query: QueueQuery; now?: Date }): Promise<QueuePage> {
  const today = calendarDateIn(input.now ?? new Date(), RECEIPT_TIME_ZONE);
  if (input.query.badSearch) return { items: [], total: 0, page: 1, pageCount: 1 };
  const where = toWhere(ctx, input.query, today);
  const total = await countQueueRows(ctx.db, where);
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(input.query.page, pageCount);
  const rows = await listQueueRows(ctx.db, where, { limit: QUEUE_PAGE_SIZE, offset: (page - 1) * QUEUE_PAGE_SIZE, order: input.query.sort });
  const items = rows.map((row): QueueItem => {
    const dueDate = row.extended_due_date ?? row.due_date;
    const answered = RESPONDED_STATES.includes(row.state as RequestState);
    return {
      id: row.id,
      type: row.type,
      channel: row.channel,
      state: row.state,
      subjectName: row.subject_name,
      viaAgent: row.agent_id !== null,
      receiptDate: row.receipt_date,
      dueDate,
      extended: row.extended_due_date !== null,
      due: answered ? null : classifyDue({ dueDate, today }),
    };
  });
  return { items, total, page, pageCount };
}

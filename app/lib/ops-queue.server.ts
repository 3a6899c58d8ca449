import type { AppContext } from "../../server/context";
import { listQueue, type QueueItem } from "../../server/ops/list-queue";
import { parseQueueQuery, QUEUE_STATE_FILTERS, type QueueQuery } from "../../server/ops/queue-query";
import { REQUEST_CHANNELS, REQUEST_TYPES } from "../../server/requests/request-fields.shared";
import { QUEUE_FILTER_PARAMS as FILTER_PARAMS } from "./queue-href";

export type { QueueItem };

/** The filter form's current values, as strings for the inputs ("" = any). */
export interface QueueFormState {
  state: string;
  channel: string;
  type: string;
  agent: string;
  due: string;
  sort: string;
  q: string;
}

function formState(query: QueueQuery, rawSearch: string): QueueFormState {
  return {
    state: query.state,
    channel: query.channel ?? "",
    type: query.type ?? "",
    agent: query.agent === null ? "" : query.agent ? "yes" : "no",
    due: query.due ?? "",
    sort: query.sort,
    q: rawSearch,
  };
}

/**
 * The /ops/requests page: the caller has passed requireStaff(..., "view:request:any"). The filters
 * come from the page's address (a saved filter is a link); the search text only from a posted
 * form (ADR 044: a requester's e-mail, phone or name never in a URL, browser history or access
 * log). A `q` in the address is ignored.
 */
export async function loadOpsQueue(ctx: AppContext, params: URLSearchParams, posted: { q: string } | null = null) {
  const read = new URLSearchParams();
  for (const key of [...FILTER_PARAMS, "page"]) {
    const value = params.get(key);
    if (value) read.set(key, value);
  }
  const q = (posted?.q ?? "").slice(0, 200);
  if (q) read.set("q", q);
  const query = parseQueueQuery(read);
  const page = await listQueue(ctx, { query });
  return {
    ...page,
    filters: formState(query, q),
    badSearch: query.badSearch,
    searchKind: query.search?.kind ?? null,
    options: { states: [...QUEUE_STATE_FILTERS], channels: [...REQUEST_CHANNELS], types: [...REQUEST_TYPES] },
  };
}

/** The posted queue form as the page's parameters (filters and page) and its search text. */
export function readQueueForm(form: FormData): { params: URLSearchParams; q: string } {
  const params = new URLSearchParams();
  for (const key of [...FILTER_PARAMS, "page"]) {
    const value = form.get(key);
    if (typeof value === "string" && value) params.set(key, value);
  }
  const q = form.get("q");
  return { params, q: typeof q === "string" ? q.trim().slice(0, 200) : "" };
}

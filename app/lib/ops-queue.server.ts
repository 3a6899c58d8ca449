import type { AppContext } from "../../server/context";
import { listQueue, type QueueItem } from "../../server/ops/list-queue";
import { parseQueueQuery, QUEUE_STATE_FILTERS, type QueueQuery } from "../../server/ops/queue-query";
import { REQUEST_CHANNELS, REQUEST_TYPES } from "../../server/requests/request-fields.shared";

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

/** The /ops/requests page: the caller has passed requireStaff(..., "view:request:any"). */
export async function loadOpsQueue(ctx: AppContext, url: URL) {
  const query = parseQueueQuery(url.searchParams);
  const page = await listQueue(ctx, { query });
  return {
    ...page,
    filters: formState(query, (url.searchParams.get("q") ?? "").slice(0, 200)),
    badSearch: query.badSearch,
    searchKind: query.search?.kind ?? null,
    options: { states: [...QUEUE_STATE_FILTERS], channels: [...REQUEST_CHANNELS], types: [...REQUEST_TYPES] },
  };
}

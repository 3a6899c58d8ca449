import { z } from "zod";
import { REQUEST_CHANNELS, REQUEST_TYPES } from "../requests/request-fields.shared";
import { REQUEST_STATES } from "../requests/request-states.shared";

/** "open" (not yet answered, the default) or "all" besides each single state. */
export const QUEUE_STATE_FILTERS = ["open", "all", ...REQUEST_STATES] as const;
export const QUEUE_PAGE_SIZE = 25;

/** The shape of every request id (server/lib/ids.ts). */
const REQUEST_ID = /^[0-9a-z]{26}$/;

export interface QueueQuery {
  state: (typeof QUEUE_STATE_FILTERS)[number];
  channel: (typeof REQUEST_CHANNELS)[number] | null;
  type: (typeof REQUEST_TYPES)[number] | null;
  /** true: only requests made by an authorized agent; false: only the consumer's own. */
  agent: boolean | null;
  /** An exact request id to look up; other filters are ignored when it is set. */
  id: string | null;
  /** Search text that is not a well-formed request id: the page says so instead of guessing. */
  badSearch: boolean;
  page: number;
}

// Each parameter falls back on its own: a bookmarked or hand-edited URL still shows a queue.
const QuerySchema = z.object({
  state: z.enum(QUEUE_STATE_FILTERS).catch("open"),
  channel: z.enum(REQUEST_CHANNELS).nullable().catch(null),
  type: z.enum(REQUEST_TYPES).nullable().catch(null),
  agent: z.enum(["yes", "no"]).nullable().catch(null),
  q: z.string().max(200).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/**
 * The queue's filters from the page's GET parameters. A search is trimmed and lower-cased, since
 * ids are read out on the phone and typed in any case; it must then be a whole id (exact match, so
 * the search cannot be used to enumerate requests).
 */
export function parseQueueQuery(params: URLSearchParams): QueueQuery {
  const raw = QuerySchema.parse({
    state: params.get("state") || undefined,
    channel: params.get("channel") || null,
    type: params.get("type") || null,
    agent: params.get("agent") || null,
    q: params.get("q") || null,
    page: params.get("page") ?? undefined,
  });
  const search = raw.q?.trim().toLowerCase() ?? "";
  const id = REQUEST_ID.test(search) ? search : null;
  return {
    state: raw.state,
    channel: raw.channel,
    type: raw.type,
    agent: raw.agent === null ? null : raw.agent === "yes",
    id,
    badSearch: search !== "" && id === null,
    page: raw.page,
  };
}

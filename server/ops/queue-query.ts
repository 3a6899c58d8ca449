import { z } from "zod";
import { parseEmailAddress } from "../lib/email-address";
import { normalizePhone } from "../lib/normalize-phone";
import { REQUEST_CHANNELS, REQUEST_TYPES } from "../requests/request-fields.shared";
import { REQUEST_STATES } from "../requests/request-states.shared";

/** "open" (not yet answered, the default) or "all" besides each single state. */
export const QUEUE_STATE_FILTERS = ["open", "all", ...REQUEST_STATES] as const;
/** Unanswered requests past their due date, or due within N days (Pacific calendar days, R8). */
export const DUE_WINDOWS = ["overdue", "7", "14", "30"] as const;
/** Soonest due first is the default (R8); the others find recent arrivals or the longest waiting. */
export const QUEUE_SORTS = ["due", "due_desc", "received_desc", "received"] as const;
export const QUEUE_PAGE_SIZE = 25;

/** The shape of every request id (server/lib/ids.ts). */
const REQUEST_ID = /^[0-9a-z]{26}$/;
const PHONE_LIKE = /^\+?[\d\s().-]{7,30}$/;

/**
 * What the search box holds, as understood: a whole request id, an e-mail address or a phone
 * number (matched exactly through keyed hashes, ADR 039), or part of a name.
 */
export type QueueSearch = { kind: "id"; id: string } | { kind: "email"; email: string } | { kind: "phone"; phone: string } | { kind: "name"; name: string };

export interface QueueQuery {
  state: (typeof QUEUE_STATE_FILTERS)[number];
  channel: (typeof REQUEST_CHANNELS)[number] | null;
  type: (typeof REQUEST_TYPES)[number] | null;
  /** true: only requests made by an authorized agent; false: only the consumer's own. */
  agent: boolean | null;
  due: (typeof DUE_WINDOWS)[number] | null;
  sort: (typeof QUEUE_SORTS)[number];
  /** An id search ignores the other filters; the others combine with them. */
  search: QueueSearch | null;
  /** Search text that is none of the above (an address without a domain, one letter): the page says so. */
  badSearch: boolean;
  page: number;
}

// Each parameter falls back on its own: a bookmarked or hand-edited URL still shows a queue.
const QuerySchema = z.object({
  state: z.enum(QUEUE_STATE_FILTERS).nullable().catch(null),
  channel: z.enum(REQUEST_CHANNELS).nullable().catch(null),
  type: z.enum(REQUEST_TYPES).nullable().catch(null),
  agent: z.enum(["yes", "no"]).nullable().catch(null),
  due: z.enum(DUE_WINDOWS).nullable().catch(null),
  sort: z.enum(QUEUE_SORTS).catch("due"),
  q: z.string().max(200).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

function readSearch(text: string): QueueSearch | null {
  const lower = text.toLowerCase();
  if (REQUEST_ID.test(lower)) return { kind: "id", id: lower };
  if (text.includes("@")) {
    const email = parseEmailAddress(text);
    return email.ok ? { kind: "email", email: email.address } : null;
  }
  if (PHONE_LIKE.test(text)) {
    const phone = normalizePhone(text);
    return phone ? { kind: "phone", phone } : null;
  }
  const name = text.normalize("NFC").replace(/\s+/g, " ");
  return name.length >= 2 && !/[\p{Cc}]/u.test(name) ? { kind: "name", name } : null;
}

/**
 * The queue's filters from the page's GET parameters: the address of the page is the saved
 * filter, so a reviewer bookmarks or shares "overdue, by the agent channel" as a link. The search
 * text itself is personal data: the page keeps it in the form, and the filter links carry it only
 * as typed by staff on this console (never in mail or logs).
 */
export function parseQueueQuery(params: URLSearchParams): QueueQuery {
  const raw = QuerySchema.parse({
    state: params.get("state") || null,
    channel: params.get("channel") || null,
    type: params.get("type") || null,
    agent: params.get("agent") || null,
    due: params.get("due") || null,
    sort: params.get("sort") || undefined,
    q: params.get("q") || null,
    page: params.get("page") ?? undefined,
  });
  const text = raw.q?.trim() ?? "";
  const search = text ? readSearch(text) : null;
  return {
    // Looking someone up means every request of theirs, answered or not, unless a state is chosen.
    state: raw.state ?? (search ? "all" : "open"),
    channel: raw.channel,
    type: raw.type,
    agent: raw.agent === null ? null : raw.agent === "yes",
    due: raw.due,
    sort: raw.sort,
    search,
    badSearch: text !== "" && search === null,
    page: raw.page,
  };
}

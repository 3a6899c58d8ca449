/** The saved filters a queue address may carry: never the search text (personal data, ADR 044). */
export const QUEUE_FILTER_PARAMS = ["state", "channel", "type", "agent", "due", "sort"] as const;

/** The address of these filters on this page: empty values and defaults left out to keep it short. */
export function queueHref(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of [...QUEUE_FILTER_PARAMS, "page"]) {
    const value = params.get(key);
    if (value && !(key === "state" && value === "open") && !(key === "sort" && value === "due") && !(key === "page" && value === "1")) kept.set(key, value);
  }
  const search = kept.toString();
  return search ? `/ops/requests?${search}` : "/ops/requests";
}

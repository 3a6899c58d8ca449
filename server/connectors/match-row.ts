import type { ScalarValue } from "../collection/collection-types.shared";
import type { Dataset } from "../datamap/dataset-schema";
import type { FetchRequest } from "./connector-types";
import { normalizeIdentifier } from "./normalize-identifier";
import { toIsoTime } from "./to-iso-time";

/**
 * The row filter of connectors that cannot ask their source to filter (files) or should not trust
 * it to (search APIs that return near matches): the row must hold one of the looked-up values,
 * must not belong to someone else (owner guard, 1798.145(k)) and must fall in the period.
 *
 * `scoped`: the request itself was made for one identifier (GET /users/{user_id}/events), so a row
 * that does not repeat the identifier is still the person's; one that names another value is not.
 */
export function matchRow(dataset: Dataset, values: Record<string, ScalarValue>, request: FetchRequest, scoped = false): boolean {
  let found = false;
  let silent = true;
  for (const lookup of dataset.lookups ?? []) {
    const raw = values[lookup.column];
    if (raw === null || raw === undefined || raw === "") continue;
    silent = false;
    const wanted = request.lookup.get(lookup.identifier);
    const value = normalizeIdentifier(lookup.identifier, raw);
    if (wanted && value !== null && wanted.has(value)) found = true;
  }
  if (!found && !(scoped && silent)) return false;
  for (const owner of request.known ? (dataset.owners ?? []) : []) {
    const value = normalizeIdentifier(owner.identifier, values[owner.column]);
    if (value !== null && !request.known!.get(owner.identifier)?.has(value)) return false;
  }
  return inWindow(dataset, values, request.window);
}

/**
 * Same rule as the SQL window: undated rows are kept (and counted as undated by collection). The
 * window's bounds are instants (or dates, read as UTC midnight); the SQL connector filters its
 * rows with this too, after a query by whole days.
 */
export function inWindow(dataset: Dataset, values: Record<string, ScalarValue>, window: FetchRequest["window"]): boolean {
  if (!window || !dataset.timeField) return true;
  const at = toIsoTime(values[dataset.timeField], dataset.timeFormat);
  return timeInWindow(dataset, at, dataset.timeEndField ? values[dataset.timeEndField] : null, window);
}

/** inWindow for a row whose time is already read (`at`, toIsoTime of its timeField); `end` is its timeEndField's value. */
export function timeInWindow(dataset: { stillHeld?: boolean; timeEndField?: string; timeFormat?: Dataset["timeFormat"] }, at: string | null, end: ScalarValue | undefined, window: NonNullable<FetchRequest["window"]>): boolean {
  if (at === null) return true;
  const bounds = windowBounds(window);
  if (dataset.stillHeld) return at < bounds.end;
  if (!dataset.timeEndField) return at >= bounds.start && at < bounds.end;
  const until = toIsoTime(end, dataset.timeFormat);
  return at < bounds.end && (until === null || until >= bounds.start);
}

let lastWindow: NonNullable<FetchRequest["window"]> | null = null;
let lastBounds = { start: "", end: "" };

/** The window's bounds as ISO instants, worked out once per window (this runs once per row). */
function windowBounds(window: NonNullable<FetchRequest["window"]>): { start: string; end: string } {
  if (window !== lastWindow) {
    lastBounds = { start: toIsoTime(window.start)!, end: toIsoTime(window.endExclusive)! };
    lastWindow = window;
  }
  return lastBounds;
}

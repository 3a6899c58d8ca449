import { fromDbTime, toDbTime } from "../lib/clock";

/**
 * The time to stamp on a request's next event: now, or 1 ms after the request's last change if
 * the clock has not moved past it (two transitions in the same millisecond, or a clock step back
 * between servers). A request's history is thus strictly ordered by time (11 CCR 7101(a)).
 */
export function nextEventTime(now: Date, lastChangeAt: string): string {
  const candidate = toDbTime(now);
  if (candidate > lastChangeAt) return candidate;
  return toDbTime(new Date(fromDbTime(lastChangeAt).getTime() + 1));
}

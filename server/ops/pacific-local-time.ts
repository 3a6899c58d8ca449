import { isCalendarDate } from "../lib/calendar-date";
import { RECEIPT_TIME_ZONE } from "../requests/deadlines.shared";

const wallClock = new Intl.DateTimeFormat("en-US", {
  timeZone: RECEIPT_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** "YYYY-MM-DD HH:MM" as a clock in Los Angeles shows it at `instant`. */
function pacificWallClock(instant: Date): string {
  const parts = Object.fromEntries(wallClock.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Pacific Daylight Time (UTC-7) and Pacific Standard Time (UTC-8), in hours. */
const PACIFIC_OFFSETS = [-7, -8];

/**
 * The instant a Pacific wall-clock time names, e.g. the time a phone call or letter was received
 * as staff read it off a clock in California.
 *
 * - An ambiguous time (the repeated hour when clocks go back in November) gives the EARLIER
 *   instant: an earlier receipt can only shorten the legal clock (ccpa-requirements §5).
 * - A time that does not exist (the skipped hour when clocks go forward in March) gives null.
 *
 * @example pacificToUtc("2026-03-02", "09:00")?.toISOString() // "2026-03-02T17:00:00.000Z"
 */
export function pacificToUtc(date: string, time: string): Date | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!isCalendarDate(date) || !match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  const asUtc = Date.parse(`${date}T${time}:00.000Z`);
  const wanted = `${date} ${time}`;
  const candidates = PACIFIC_OFFSETS.map((hours) => new Date(asUtc - hours * 3_600_000)).filter((instant) => pacificWallClock(instant) === wanted);
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates.map((c) => c.getTime())));
}

const display = new Intl.DateTimeFormat("en-US", { timeZone: RECEIPT_TIME_ZONE, timeZoneName: "short" });

/**
 * "2026-10-20 14:30 PDT": an instant as staff in California read it. Formatted on the server, so
 * the reviewer's browser time zone cannot shift a receipt time (the legal clock is Pacific).
 */
export function formatPacific(instant: Date): string {
  const zone = display.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "PT";
  return `${pacificWallClock(instant)} ${zone}`;
}

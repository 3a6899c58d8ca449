/**
 * Calendar-date arithmetic on "YYYY-MM-DD" strings, done at UTC midnight so a DST change never
 * moves a day. Legal deadlines and look-back windows are counted in calendar days (11 CCR 7021).
 */
export type CalendarDate = string;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, e.g. America/Los_Angeles. */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError("not a valid instant");
  let format = formatters.get(timeZone);
  if (!format) {
    // Cached: building Intl formatters is slow and they are immutable.
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, format);
  }
  // formatToParts rather than format(): the part order of a locale's output is not a contract.
  const parts = format.formatToParts(instant);
  const part = (type: "year" | "month" | "day"): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

function toUtcMidnight(date: CalendarDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

function toCalendarDate(midnight: Date): CalendarDate {
  return midnight.toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = toUtcMidnight(date);
  d.setUTCDate(d.getUTCDate() + days);
  return toCalendarDate(d);
}

/** Monday-Friday only; the start day itself never counts. */
export function addBusinessDays(date: CalendarDate, businessDays: number): CalendarDate {
  const d = toUtcMidnight(date);
  let counted = 0;
  while (counted < businessDays) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return toCalendarDate(d);
}

/** Same day of month `months` earlier, clamped to the month's end (Feb 29 -> Feb 28). */
export function subtractMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  // Day 0 of the next month is the last day of the target month (28, 29, 30 or 31).
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const targetDay = Math.min(day, lastDay);
  return `${String(targetYear).padStart(4, "0")}-${String(targetMonth).padStart(2, "0")}-${String(targetDay).padStart(2, "0")}`;
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / 86_400_000);
}

/** Rejects "2026-02-30" too: the date must survive a round trip through the calendar. */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE.test(value)) return false;
  const parsed = toUtcMidnight(value);
  return !Number.isNaN(parsed.getTime()) && toCalendarDate(parsed) === value;
}

const parts = new Map<string, Intl.DateTimeFormat>();

/**
 * The UTC instant at which a calendar day begins in a time zone, ISO 8601 with Z:
 * startOfDayIn("2026-03-08", "America/Los_Angeles") is "2026-03-08T08:00:00.000Z" (PST, UTC-8)
 * and startOfDayIn("2026-03-09", ...) is "2026-03-09T07:00:00.000Z" (PDT, UTC-7, since 2 a.m.
 * the day before). The offset is read from the zone database at that day, so daylight-saving
 * changes fall where the law's "day" (midnight to midnight, local) does. Zones that skip a
 * midnight (none in the US) would give the first instant of the day.
 */
export function startOfDayIn(calendarDate: string, timeZone: string): string {
  const [y, m, d] = calendarDate.split("-").map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  // Local time at UTC midnight tells the offset; one correction covers a change during the day.
  let guess = midnightUtc - offsetMs(midnightUtc, timeZone);
  guess = midnightUtc - offsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

/** The zone's offset from UTC at an instant, in milliseconds (negative west of Greenwich). */
function offsetMs(instant: number, timeZone: string): number {
  let format = parts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    parts.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return local - Math.floor(instant / 1000) * 1000;
}

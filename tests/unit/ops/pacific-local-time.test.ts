import { describe, expect, it } from "vitest";
import { formatPacific, pacificToUtc } from "../../../server/ops/pacific-local-time";

describe("Pacific wall-clock time", () => {
  it("[OPS]: converts standard and daylight time to UTC", () => {
    expect(pacificToUtc("2026-03-02", "09:00")?.toISOString()).toBe("2026-03-02T17:00:00.000Z");
    expect(pacificToUtc("2026-07-04", "23:30")?.toISOString()).toBe("2026-07-05T06:30:00.000Z");
    expect(pacificToUtc("2026-12-24", "23:30")?.toISOString()).toBe("2026-12-25T07:30:00.000Z");
  });

  it("[OPS]: takes the earlier instant in the repeated hour and refuses the skipped one", () => {
    // 2026-11-01 01:30 happens twice: 08:30Z (PDT) and 09:30Z (PST). The earlier one never lengthens the clock.
    expect(pacificToUtc("2026-11-01", "01:30")?.toISOString()).toBe("2026-11-01T08:30:00.000Z");
    // 2026-03-08 02:30 never happens: clocks jump from 02:00 to 03:00.
    expect(pacificToUtc("2026-03-08", "02:30")).toBeNull();
    expect(pacificToUtc("2026-03-08", "03:00")?.toISOString()).toBe("2026-03-08T10:00:00.000Z");
  });

  it("[OPS]: rejects malformed dates and times", () => {
    for (const [date, time] of [["2026-02-30", "10:00"], ["2026-03-02", "24:00"], ["2026-03-02", "9:00"], ["03/02/2026", "10:00"]] as const) {
      expect(pacificToUtc(date, time), `${date} ${time}`).toBeNull();
    }
  });

  it("[OPS]: formats an instant as the Pacific clock shows it", () => {
    expect(formatPacific(new Date("2026-03-03T05:00:00Z"))).toBe("2026-03-02 21:00 PST");
    expect(formatPacific(new Date("2026-07-01T19:05:00Z"))).toBe("2026-07-01 12:05 PDT");
  });
});

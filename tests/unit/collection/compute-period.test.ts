import { describe, expect, it } from "vitest";
import { computePeriod, periodWindow } from "../../../server/collection/compute-period";
import { startOfDayIn } from "../../../server/lib/zoned-day-start";

describe("computePeriod", () => {
  it("[PERIOD]: by default covers the 12 months before receipt, anchored on the receipt date (R28)", () => {
    expect(computePeriod({ receivedOn: "2026-03-02", kind: "12_months" })).toEqual({ kind: "12_months", start: "2025-03-02", end: "2026-03-02" });
    // ccpa-requirements §5, second worked example.
    expect(computePeriod({ receivedOn: "2026-12-24", kind: "12_months" }).start).toBe("2025-12-24");
    expect(computePeriod({ receivedOn: "2024-02-29", kind: "12_months" }).start).toBe("2023-02-28");
  });

  it("[PERIOD]: on request covers everything since 2022-01-01 and never earlier (R46, X14)", () => {
    expect(computePeriod({ receivedOn: "2026-11-01", kind: "since_2022" })).toEqual({ kind: "since_2022", start: "2022-01-01", end: "2026-11-01" });
    expect(computePeriod({ receivedOn: "2022-06-30", kind: "12_months" }).start).toBe("2022-01-01");
    expect(() => computePeriod({ receivedOn: "2021-12-31", kind: "12_months" })).toThrow(RangeError);
    expect(() => computePeriod({ receivedOn: "2026-02-30", kind: "12_months" })).toThrow(RangeError);
  });

  it("[PERIOD]: the connectors' window ends after the receipt day (inclusive end), cut at midnight Pacific, not UTC", () => {
    expect(periodWindow({ kind: "12_months", start: "2025-03-02", end: "2026-03-02" })).toEqual({ start: "2025-03-02T08:00:00.000Z", endExclusive: "2026-03-03T08:00:00.000Z" });
    // Summer: PDT, UTC-7.
    expect(periodWindow({ kind: "12_months", start: "2025-07-04", end: "2026-07-04" })).toEqual({ start: "2025-07-04T07:00:00.000Z", endExclusive: "2026-07-05T07:00:00.000Z" });
    // Nothing before 1 January 2022 in California: the window opens at 08:00 UTC that day.
    expect(periodWindow({ kind: "since_2022", start: "2022-01-01", end: "2026-11-01" }).start).toBe("2022-01-01T08:00:00.000Z");
  });

  it("[PERIOD]: daylight-saving edges: the cut follows the clock change (2 a.m. local) to the day", () => {
    // PDT from 9 March 2025 and 8 March 2026, PST from 2 November 2025 and 1 November 2026, at 2 a.m. local.
    expect(periodWindow({ kind: "12_months", start: "2025-03-08", end: "2026-03-07" })).toEqual({ start: "2025-03-08T08:00:00.000Z", endExclusive: "2026-03-08T08:00:00.000Z" });
    expect(periodWindow({ kind: "12_months", start: "2025-03-09", end: "2026-03-08" })).toEqual({ start: "2025-03-09T08:00:00.000Z", endExclusive: "2026-03-09T07:00:00.000Z" });
    expect(periodWindow({ kind: "12_months", start: "2025-11-01", end: "2026-10-31" })).toEqual({ start: "2025-11-01T07:00:00.000Z", endExclusive: "2026-11-01T07:00:00.000Z" });
    expect(periodWindow({ kind: "12_months", start: "2025-11-02", end: "2026-11-01" })).toEqual({ start: "2025-11-02T07:00:00.000Z", endExclusive: "2026-11-02T08:00:00.000Z" });
    expect(startOfDayIn("2026-11-02", "America/Los_Angeles")).toBe("2026-11-02T08:00:00.000Z");
  });
});

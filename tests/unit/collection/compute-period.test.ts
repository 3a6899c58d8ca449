import { describe, expect, it } from "vitest";
import { computePeriod, periodWindow } from "../../../server/collection/compute-period";

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

  it("[PERIOD]: the connectors' window ends after the receipt day (inclusive end)", () => {
    expect(periodWindow({ kind: "12_months", start: "2025-03-02", end: "2026-03-02" })).toEqual({ start: "2025-03-02", endExclusive: "2026-03-03" });
  });
});

import { describe, expect, it } from "vitest";
import { computeDenialCutoff } from "../../../server/requests/compute-denial-cutoff";
import { nextEventTime } from "../../../server/requests/next-event-time";

// Requests whose due date is BEFORE the cut-off are denied (X19: on the due date, from 18:00 Pacific).
describe("computeDenialCutoff", () => {
  it("[CONSUMER]: keeps the due date open until 18:00 Pacific, then denies on the due date itself (summer, PDT)", () => {
    expect(computeDenialCutoff(new Date("2026-04-15T07:00:00Z"))).toBe("2026-04-15"); // 00:00 PDT on the due date
    expect(computeDenialCutoff(new Date("2026-04-16T00:59:59Z"))).toBe("2026-04-15"); // 17:59:59 PDT
    expect(computeDenialCutoff(new Date("2026-04-16T01:00:00Z"))).toBe("2026-04-16"); // 18:00 PDT: due 04-15 denied
  });

  it("[CONSUMER]: the same local hour in winter (PST) and across the DST change", () => {
    expect(computeDenialCutoff(new Date("2026-12-15T01:59:59Z"))).toBe("2026-12-14"); // 17:59:59 PST on 12-14
    expect(computeDenialCutoff(new Date("2026-12-15T02:00:00Z"))).toBe("2026-12-15"); // 18:00 PST on 12-14
    // 2026-03-08 is the spring-forward day; 18:00 PDT that day is 01:00Z on 03-09.
    expect(computeDenialCutoff(new Date("2026-03-09T00:59:00Z"))).toBe("2026-03-08");
    expect(computeDenialCutoff(new Date("2026-03-09T01:00:00Z"))).toBe("2026-03-09");
  });
});

describe("nextEventTime", () => {
  it("[OPS]: uses now, or 1 ms after the last change when the clock has not moved past it", () => {
    expect(nextEventTime(new Date("2026-04-01T10:00:00.005Z"), "2026-04-01 10:00:00.004")).toBe("2026-04-01 10:00:00.005");
    expect(nextEventTime(new Date("2026-04-01T10:00:00.004Z"), "2026-04-01 10:00:00.004")).toBe("2026-04-01 10:00:00.005");
    expect(nextEventTime(new Date("2026-04-01T09:59:59.000Z"), "2026-04-01 10:00:00.999")).toBe("2026-04-01 10:00:01.000");
  });
});

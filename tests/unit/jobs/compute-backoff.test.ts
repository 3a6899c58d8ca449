import { describe, expect, it } from "vitest";
import { computeBackoffMs } from "../../../server/jobs/compute-backoff";
import { AppError, errorCode } from "../../../server/lib/errors";

describe("computeBackoffMs", () => {
  it("[OPS]: doubles per attempt, with jitter in the upper half", () => {
    const low = [1, 2, 3, 4].map((attempts) => computeBackoffMs({ attempts, baseMs: 1000, random: () => 0 }));
    const high = [1, 2, 3, 4].map((attempts) => computeBackoffMs({ attempts, baseMs: 1000, random: () => 1 }));
    expect(low).toEqual([500, 1000, 2000, 4000]);
    expect(high).toEqual([1000, 2000, 4000, 8000]);
    const sample = computeBackoffMs({ attempts: 3, baseMs: 1000 });
    expect(sample).toBeGreaterThanOrEqual(2000);
    expect(sample).toBeLessThanOrEqual(4000);
  });

  it("[OPS]: never waits more than 6 hours, even after many attempts", () => {
    expect(computeBackoffMs({ attempts: 60, random: () => 1 })).toBe(6 * 3600_000);
    expect(computeBackoffMs({ attempts: 0, baseMs: 1000, random: () => 1 })).toBe(1000);
  });
});

describe("errorCode", () => {
  it("[OPS]: keeps codes and drops messages, which may quote personal data", () => {
    expect(errorCode(new AppError("conflict"))).toBe("conflict");
    expect(errorCode(Object.assign(new Error("550 ana@example.test: no such user"), { code: "EENVELOPE" }))).toBe("EENVELOPE");
    expect(errorCode(Object.assign(new Error("Duplicate entry 'ana@example.test'"), { code: "ER_DUP_ENTRY" }))).toBe("ER_DUP_ENTRY");
    expect(errorCode(new TypeError("Cannot read properties of undefined (reading 'Ana')"))).toBe("TypeError");
    expect(errorCode(Object.assign(new Error("x"), { code: "has spaces ana@example.test" }))).toBe("Error");
    expect(errorCode("a string")).toBe("non_error_thrown");
  });
});

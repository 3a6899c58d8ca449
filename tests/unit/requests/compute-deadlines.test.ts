import { describe, expect, it } from "vitest";
import { computeDeadlines } from "../../../server/requests/compute-deadlines";

// Expected dates below were counted by hand on a calendar, not produced by the code under test.
describe("computeDeadlines", () => {
  it("matches worked example 1 of section 5: receipt 2026-03-02 (Monday, PT)", () => {
    expect(computeDeadlines({ receivedAt: new Date("2026-03-02T17:00:00Z") })).toEqual({
      receivedAtUtc: "2026-03-02T17:00:00.000Z",
      receiptDate: "2026-03-02",
      confirmBy: "2026-03-16",
      dueDate: "2026-04-15",
      maxExtendedDueDate: "2026-05-30",
      lookbackStart: "2025-03-02",
    });
  });

  it("matches worked example 2: 2026-12-24 23:30 PT (2026-12-25 07:30 UTC) is received on 12-24", () => {
    expect(computeDeadlines({ receivedAt: new Date("2026-12-25T07:30:00Z") })).toEqual({
      receivedAtUtc: "2026-12-25T07:30:00.000Z",
      receiptDate: "2026-12-24",
      // Christmas and New Year's Day are weekdays and still count (no holidays skipped).
      confirmBy: "2027-01-07",
      // A Saturday: never rolled forward to Monday.
      dueDate: "2027-02-06",
      maxExtendedDueDate: "2027-03-23",
      lookbackStart: "2025-12-24",
    });
  });

  it("takes the earlier (Pacific) date for a receipt at 00:30 UTC", () => {
    // 2026-07-01 00:30 UTC is 2026-06-30 17:30 PDT.
    const summer = computeDeadlines({ receivedAt: new Date("2026-07-01T00:30:00Z") });
    expect(summer.receiptDate).toBe("2026-06-30");
    expect(summer.dueDate).toBe("2026-08-13");
    expect(summer.maxExtendedDueDate).toBe("2026-09-27");
    expect(summer.lookbackStart).toBe("2025-06-30");

    // 2026-01-01 00:30 UTC is 2025-12-31 16:30 PST: the year changes too.
    const winter = computeDeadlines({ receivedAt: new Date("2026-01-01T00:30:00Z") });
    expect(winter).toMatchObject({
      receiptDate: "2025-12-31",
      confirmBy: "2026-01-14",
      dueDate: "2026-02-13",
      maxExtendedDueDate: "2026-03-30",
      lookbackStart: "2024-12-31",
    });
  });

  it("uses the UTC date when both zones agree (a Pacific afternoon)", () => {
    expect(computeDeadlines({ receivedAt: new Date("2026-07-01T20:00:00Z") }).receiptDate).toBe(
      "2026-07-01",
    );
  });

  it("is not shifted by the spring DST change (2026-03-08, 02:00 PST = 10:00 UTC)", () => {
    // 09:30 UTC is 01:30 PST, half an hour before the clocks jump.
    expect(computeDeadlines({ receivedAt: new Date("2026-03-08T09:30:00Z") })).toMatchObject({
      receiptDate: "2026-03-08",
      confirmBy: "2026-03-20", // receipt is a Sunday: Mon 9 is business day 1
      dueDate: "2026-04-21",
      maxExtendedDueDate: "2026-06-05",
      lookbackStart: "2025-03-08",
    });
    // 07:30 UTC is still 23:30 PST on Saturday 03-07.
    expect(computeDeadlines({ receivedAt: new Date("2026-03-08T07:30:00Z") }).receiptDate).toBe(
      "2026-03-07",
    );
    // 10:30 UTC is 03:30 PDT, after the jump: same day.
    expect(computeDeadlines({ receivedAt: new Date("2026-03-08T10:30:00Z") }).dueDate).toBe(
      "2026-04-21",
    );
  });

  it("is not shifted by the autumn DST change (2026-11-01, 02:00 PDT = 09:00 UTC)", () => {
    // 08:30 UTC is 01:30 PDT (the first 01:30 of the day).
    expect(computeDeadlines({ receivedAt: new Date("2026-11-01T08:30:00Z") })).toMatchObject({
      receiptDate: "2026-11-01",
      confirmBy: "2026-11-13", // Veterans Day (Wed 11-11) still counts
      dueDate: "2026-12-15",
      maxExtendedDueDate: "2027-01-29",
      lookbackStart: "2025-11-01",
    });
    // 09:30 UTC is the second 01:30 (PST): same day.
    expect(computeDeadlines({ receivedAt: new Date("2026-11-01T09:30:00Z") }).receiptDate).toBe(
      "2026-11-01",
    );
    // 06:30 UTC is 23:30 PDT on 10-31; 07:00 UTC is exactly midnight PDT on 11-01.
    expect(computeDeadlines({ receivedAt: new Date("2026-11-01T06:30:00Z") }).receiptDate).toBe(
      "2026-10-31",
    );
    expect(computeDeadlines({ receivedAt: new Date("2026-11-01T07:00:00Z") }).receiptDate).toBe(
      "2026-11-01",
    );
  });

  it("counts across a month end: Jan 31 receipt in a common and a leap year", () => {
    expect(computeDeadlines({ receivedAt: new Date("2026-01-31T18:00:00Z") })).toMatchObject({
      receiptDate: "2026-01-31",
      confirmBy: "2026-02-13", // a Saturday receipt: Mon 02-02 is business day 1
      dueDate: "2026-03-16",
      maxExtendedDueDate: "2026-04-30",
      lookbackStart: "2025-01-31",
    });
    expect(computeDeadlines({ receivedAt: new Date("2028-01-31T18:00:00Z") })).toMatchObject({
      dueDate: "2028-03-15", // Feb 29 counts as a day
      maxExtendedDueDate: "2028-04-29",
    });
  });

  it("starts the look-back of a Feb 29 receipt on Feb 28 of the year before (never less than 12 months)", () => {
    expect(computeDeadlines({ receivedAt: new Date("2028-02-29T20:00:00Z") })).toEqual({
      receivedAtUtc: "2028-02-29T20:00:00.000Z",
      receiptDate: "2028-02-29",
      confirmBy: "2028-03-14",
      dueDate: "2028-04-13",
      maxExtendedDueDate: "2028-05-28",
      lookbackStart: "2027-02-28",
    });
    expect(computeDeadlines({ receivedAt: new Date("2029-03-01T20:00:00Z") }).lookbackStart).toBe(
      "2028-03-01",
    );
    expect(computeDeadlines({ receivedAt: new Date("2029-02-28T20:00:00Z") }).lookbackStart).toBe(
      "2028-02-28",
    );
  });

  it("counts 10 business days from a Friday receipt over two weekends", () => {
    expect(computeDeadlines({ receivedAt: new Date("2026-03-06T18:00:00Z") }).confirmBy).toBe(
      "2026-03-20",
    );
  });

  it("refuses an invalid receipt instant", () => {
    expect(() => computeDeadlines({ receivedAt: new Date("not a date") })).toThrow(RangeError);
  });
});

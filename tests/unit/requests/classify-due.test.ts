import { describe, expect, it } from "vitest";
import { classifyDue } from "../../../server/requests/classify-due";

describe("classifyDue", () => {
  const dueDate = "2026-04-15";

  it("is ok with more than 7 days left", () => {
    expect(classifyDue({ dueDate, today: "2026-03-02" })).toEqual({ daysLeft: 44, status: "ok" });
    expect(classifyDue({ dueDate, today: "2026-04-07" })).toEqual({ daysLeft: 8, status: "ok" });
  });

  it("is due soon with 7 to 1 days left", () => {
    expect(classifyDue({ dueDate, today: "2026-04-08" })).toEqual({ daysLeft: 7, status: "due_soon" });
    expect(classifyDue({ dueDate, today: "2026-04-14" })).toEqual({ daysLeft: 1, status: "due_soon" });
  });

  it("is due today on the due date", () => {
    expect(classifyDue({ dueDate, today: "2026-04-15" })).toEqual({ daysLeft: 0, status: "due_today" });
  });

  it("is overdue from the next day, with negative days left", () => {
    expect(classifyDue({ dueDate, today: "2026-04-16" })).toEqual({ daysLeft: -1, status: "overdue" });
    expect(classifyDue({ dueDate, today: "2026-05-15" })).toEqual({ daysLeft: -30, status: "overdue" });
  });

  it("counts whole calendar days across DST changes, month ends and leap days", () => {
    // Spring forward on 2026-03-08 would make a 23-hour day in Pacific time.
    expect(classifyDue({ dueDate: "2026-03-10", today: "2026-02-27" })).toEqual({ daysLeft: 11, status: "ok" });
    // Fall back on 2026-11-01 would make a 25-hour day.
    expect(classifyDue({ dueDate: "2026-11-03", today: "2026-10-31" })).toEqual({ daysLeft: 3, status: "due_soon" });
    expect(classifyDue({ dueDate: "2028-03-01", today: "2028-02-28" })).toEqual({ daysLeft: 2, status: "due_soon" });
    expect(classifyDue({ dueDate: "2027-01-02", today: "2026-12-30" })).toEqual({ daysLeft: 3, status: "due_soon" });
  });

  it("throws on a malformed date instead of reporting it as ok", () => {
    expect(() => classifyDue({ dueDate: "2026-02-30", today: "2026-02-01" })).toThrow(RangeError);
    expect(() => classifyDue({ dueDate, today: "15/04/2026" })).toThrow(RangeError);
  });
});

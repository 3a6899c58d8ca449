import { describe, expect, it } from "vitest";
import { checkExtension } from "../../../server/requests/check-extension";

// Received Monday 2026-03-02 09:00 PST: due 2026-04-15, at most 2026-05-30 once extended.
const receivedAt = new Date("2026-03-02T17:00:00Z");
const reason = "Three of our order systems must be searched by hand.";

describe("checkExtension", () => {
  it("extends to receipt + 89 days by default and returns the trimmed reason", () => {
    expect(
      checkExtension({
        receivedAt,
        now: new Date("2026-03-20T18:00:00Z"),
        alreadyExtended: false,
        reason: `  ${reason}  `,
      }),
    ).toEqual({ ok: true, newDueDate: "2026-05-30", reason });
  });

  it("allows an extension on the due date itself (day 45), up to 23:59:59.999 Pacific", () => {
    const base = { receivedAt, alreadyExtended: false, reason };
    expect(checkExtension({ ...base, now: new Date("2026-04-15T16:00:00Z") })).toMatchObject({
      ok: true,
      newDueDate: "2026-05-30",
    });
    // 2026-04-16 06:59:59.999 UTC is 2026-04-15 23:59:59.999 PDT.
    expect(checkExtension({ ...base, now: new Date("2026-04-16T06:59:59.999Z") })).toMatchObject({
      ok: true,
    });
  });

  it("refuses an extension from 00:00 Pacific on day 46 (X20)", () => {
    const base = { receivedAt, alreadyExtended: false, reason };
    expect(checkExtension({ ...base, now: new Date("2026-04-16T07:00:00Z") })).toEqual({
      ok: false,
      code: "too_late",
    });
    expect(checkExtension({ ...base, now: new Date("2026-04-16T20:00:00Z") })).toEqual({
      ok: false,
      code: "too_late",
    });
  });

  it("refuses a second extension, even early (X20)", () => {
    expect(
      checkExtension({ receivedAt, now: new Date("2026-03-03T18:00:00Z"), alreadyExtended: true, reason }),
    ).toEqual({ ok: false, code: "already_extended" });
  });

  it("refuses a missing or blank reason (1798.130(a)(2)(A))", () => {
    const base = { receivedAt, now: new Date("2026-03-20T18:00:00Z"), alreadyExtended: false };
    expect(checkExtension({ ...base, reason: "" })).toEqual({ ok: false, code: "reason_required" });
    expect(checkExtension({ ...base, reason: " \n\t " })).toEqual({ ok: false, code: "reason_required" });
  });

  it("accepts a chosen date between the due date and the maximum", () => {
    const base = { receivedAt, now: new Date("2026-03-20T18:00:00Z"), alreadyExtended: false, reason };
    expect(checkExtension({ ...base, requestedDueDate: "2026-05-01" })).toMatchObject({
      ok: true,
      newDueDate: "2026-05-01",
    });
    expect(checkExtension({ ...base, requestedDueDate: "2026-04-16" })).toMatchObject({
      ok: true,
      newDueDate: "2026-04-16",
    });
    expect(checkExtension({ ...base, requestedDueDate: "2026-05-30" })).toMatchObject({
      ok: true,
      newDueDate: "2026-05-30",
    });
  });

  it("refuses a chosen date past receipt + 89, on or before the due date, or malformed", () => {
    const base = { receivedAt, now: new Date("2026-03-20T18:00:00Z"), alreadyExtended: false, reason };
    expect(checkExtension({ ...base, requestedDueDate: "2026-05-31" })).toEqual({ ok: false, code: "beyond_max" });
    expect(checkExtension({ ...base, requestedDueDate: "2026-04-15" })).toEqual({
      ok: false,
      code: "not_after_due_date",
    });
    expect(checkExtension({ ...base, requestedDueDate: "2026-04-01" })).toEqual({
      ok: false,
      code: "not_after_due_date",
    });
    for (const bad of ["2026-02-30", "2026-5-01", "next month", ""]) {
      expect(checkExtension({ ...base, requestedDueDate: bad })).toEqual({
        ok: false,
        code: "invalid_requested_date",
      });
    }
  });

  it("uses the conservative receipt date: worked example 2 may be extended until 2027-02-06 PT", () => {
    const lateReceipt = new Date("2026-12-25T07:30:00Z"); // 2026-12-24 23:30 PST
    const base = { receivedAt: lateReceipt, alreadyExtended: false, reason };
    // 2027-02-07 07:59 UTC is 2027-02-06 23:59 PST.
    expect(checkExtension({ ...base, now: new Date("2027-02-07T07:59:00Z") })).toEqual({
      ok: true,
      newDueDate: "2027-03-23",
      reason,
    });
    expect(checkExtension({ ...base, now: new Date("2027-02-07T08:00:00Z") })).toEqual({
      ok: false,
      code: "too_late",
    });
  });
});

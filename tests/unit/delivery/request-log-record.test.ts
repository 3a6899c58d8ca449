import { describe, expect, it } from "vitest";
import { toRequestLogRecord } from "../../../server/records/request-log-record";
import type { RequestLogSource } from "../../../server/records/request-records.repository";

const base: RequestLogSource = {
  id: "r1",
  type: "specific",
  channel: "web",
  state: "delivered",
  receipt_date: "2026-03-02",
  received_at: "2026-03-02 17:00:00.000",
  completed_at: "2026-03-20 17:00:00.000",
  denial_reason: null,
};

describe("toRequestLogRecord", () => {
  it("[OPS]: classifies the nature of the response (7101(a))", () => {
    expect(toRequestLogRecord(base).response_type).toBe("complied_in_whole");
    expect(toRequestLogRecord({ ...base, state: "expired", denial_reason: "exempt" })).toMatchObject({ response_type: "complied_in_part", denial_basis: "exempt" });
    expect(toRequestLogRecord({ ...base, state: "denied", denial_reason: "unverifiable" })).toMatchObject({ response_type: "denied", denial_basis: "unverifiable" });
    expect(toRequestLogRecord({ ...base, state: "cancelled", denial_reason: "other" })).toMatchObject({ response_type: "withdrawn", denial_basis: "" });
    expect(toRequestLogRecord({ ...base, state: "in_review", completed_at: null })).toMatchObject({ response_type: "pending", response_date: "" });
  });

  it("[OPS]: dates the response in the receipt-date zone (America/Los_Angeles)", () => {
    expect(toRequestLogRecord({ ...base, completed_at: "2026-03-21 06:59:59.999" }).response_date).toBe("2026-03-20");
    expect(toRequestLogRecord({ ...base, completed_at: "2026-03-21 07:00:00.000" }).response_date).toBe("2026-03-21");
  });

  it("[OPS]: names request types plainly and passes unknown ones through", () => {
    expect(toRequestLogRecord({ ...base, type: "categories" }).request_type).toBe("right_to_know_categories");
    expect(toRequestLogRecord(base).request_type).toBe("right_to_know_specific_pieces");
    expect(toRequestLogRecord({ ...base, type: "delete" }).request_type).toBe("delete");
  });
});

import { describe, expect, it } from "vitest";
import { buildDrpStatus, type BuildDrpStatusInput } from "../../../server/drp/build-drp-status";

const ID = "0123456789abcdefghjkmnpqrs";
const base: BuildDrpStatusInput = {
  request: { id: ID, state: "received", received_at: "2026-03-02 17:00:03.120", due_date: "2026-04-15", extended_due_date: null, denial_reason: null, completed_at: null },
  drp: { agent_request_id: "agent-req-8841", revoked_at: null },
  publicUrl: "https://portal.example",
  retentionDays: 30,
};
const withRequest = (changes: Partial<BuildDrpStatusInput["request"]>, drp: Partial<BuildDrpStatusInput["drp"]> = {}) =>
  buildDrpStatus({ ...base, request: { ...base.request, ...changes }, drp: { ...base.drp, ...drp } });

describe("buildDrpStatus", () => {
  it("[DRP]: states map to DRP statuses and reasons (DRP 1.0 §3.02)", () => {
    const cases: [Partial<BuildDrpStatusInput["request"]>, Partial<BuildDrpStatusInput["drp"]>, string, string | undefined][] = [
      [{ state: "received" }, {}, "open", undefined],
      [{ state: "awaiting_verification" }, {}, "in_progress", "need_user_verification"],
      [{ state: "collecting" }, {}, "in_progress", undefined],
      [{ state: "in_review" }, {}, "in_progress", undefined],
      [{ state: "delivered", completed_at: "2026-03-20 10:00:00.000" }, {}, "fulfilled", undefined],
      [{ state: "denied", denial_reason: "unverifiable" }, {}, "denied", "insuf_verification"],
      [{ state: "denied", denial_reason: "not_a_consumer" }, {}, "denied", "outside_jurisdiction"],
      [{ state: "denied", denial_reason: "exempt" }, {}, "denied", "claim_not_covered"],
      [{ state: "denied", denial_reason: "too_many_requests" }, {}, "denied", "too_many_requests"],
      [{ state: "cancelled" }, { revoked_at: "2026-03-03 10:00:00.000" }, "revoked", undefined],
      [{ state: "cancelled" }, {}, "denied", "other"],
      [{ state: "expired" }, {}, "expired", undefined],
    ];
    for (const [request, drp, status, reason] of cases) {
      const built = withRequest(request, drp);
      expect({ state: request.state, status: built.status, reason: built.reason }).toEqual({ state: request.state, status, reason });
      // Every status has a text the agent can show (issue 16 item 7; open, revoked, expired had none).
      expect({ state: request.state, details: built.processing_details }).toEqual({ state: request.state, details: expect.stringMatching(/^The |^Identity /) });
    }
  });

  it("[DRP]: times are ISO with +00:00; expected_by is the end of the Pacific due date, extended when extended", () => {
    const open = withRequest({});
    expect(open).toEqual({ request_id: ID, agent_request_id: "agent-req-8841", status: "open", received_at: "2026-03-02T17:00:03.120+00:00", expected_by: "2026-04-16T06:59:59.000+00:00", processing_details: expect.stringMatching(/received the request/) });
    const extended = withRequest({ state: "collecting", extended_due_date: "2026-05-30" });
    expect(extended.expected_by).toBe("2026-05-31T06:59:59.000+00:00");
    expect(extended.processing_details).toMatch(/extended the response period once/);
  });

  it("[DRP]: fulfilled and need-verification point at the portal page for the request, nothing else", () => {
    const fulfilled = withRequest({ state: "delivered", completed_at: "2026-03-20 10:00:00.000" });
    expect(fulfilled).toMatchObject({ results_url: `https://portal.example/requests/${ID}`, expires_at: "2026-04-19T10:00:00.000+00:00" });
    const pending = withRequest({ state: "awaiting_verification" }, { agent_request_id: null });
    expect(pending).toMatchObject({ user_verification_url: `https://portal.example/requests/${ID}`, expires_at: "2026-04-16T06:59:59.000+00:00" });
    expect("agent_request_id" in pending).toBe(false);
  });
});

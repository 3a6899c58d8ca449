import { describe, expect, it } from "vitest";
import { planTransition } from "../../../server/requests/plan-transition";
import {
  ACTOR_KINDS,
  REQUEST_STATES,
  TERMINAL_STATES,
  type RequestState,
} from "../../../server/requests/request-states.shared";

// The table written out again by hand, so that any change to REQUEST_TRANSITIONS fails a test.
const EXPECTED_EDGES = new Set([
  "received->awaiting_verification",
  "received->verified",
  "received->denied",
  "received->cancelled",
  "awaiting_verification->verified",
  "awaiting_verification->denied",
  "awaiting_verification->cancelled",
  "verified->collecting",
  "verified->awaiting_verification",
  "verified->denied",
  "verified->cancelled",
  "collecting->in_review",
  "collecting->approved",
  "collecting->awaiting_verification",
  "collecting->denied",
  "collecting->cancelled",
  "in_review->approved",
  "in_review->collecting",
  "in_review->awaiting_verification",
  "in_review->denied",
  "in_review->cancelled",
  "approved->delivered",
  "approved->in_review",
  "approved->awaiting_verification",
  "approved->cancelled",
  "delivered->expired",
]);

// Everything a staff member could supply, so that only the table decides.
const complete = { actor: "staff", reason: "Duplicate of an earlier request.", denialReason: "exempt" } as const;

describe("planTransition", () => {
  it("allows exactly the edges of the table", () => {
    for (const from of REQUEST_STATES) {
      for (const to of REQUEST_STATES) {
        const result = planTransition({ from, to, ...complete });
        const expected = EXPECTED_EDGES.has(`${from}->${to}`);
        expect({ edge: `${from}->${to}`, ok: result.ok }).toEqual({ edge: `${from}->${to}`, ok: expected });
      }
    }
  });

  it("refuses every transition out of a terminal state, for every actor", () => {
    expect([...TERMINAL_STATES].sort()).toEqual(["cancelled", "denied", "expired"]);
    for (const from of TERMINAL_STATES) {
      for (const to of REQUEST_STATES) {
        for (const actor of ACTOR_KINDS) {
          expect(planTransition({ from, to, actor, reason: "r", denialReason: "other" })).toEqual({
            ok: false,
            code: "illegal_transition",
          });
        }
      }
    }
  });

  it("lets a delivered request only expire, and only by staff or system", () => {
    const others = REQUEST_STATES.filter((s): s is RequestState => s !== "expired");
    for (const to of others) {
      expect(planTransition({ from: "delivered", to, ...complete }).ok).toBe(false);
    }
    expect(planTransition({ from: "delivered", to: "expired", actor: "system" })).toEqual({
      ok: true,
      event: { from: "delivered", to: "expired", actor: "system", reason: null, denialReason: null },
    });
    expect(planTransition({ from: "delivered", to: "expired", actor: "consumer" })).toEqual({
      ok: false,
      code: "illegal_transition",
    });
  });

  it("walks the happy path, with auto-release skipping review", () => {
    const path: RequestState[] = ["received", "awaiting_verification", "verified", "collecting", "in_review", "approved", "delivered"];
    for (let i = 1; i < path.length; i++) {
      expect(planTransition({ from: path[i - 1]!, to: path[i]!, actor: "system" }).ok).toBe(true);
    }
    expect(planTransition({ from: "collecting", to: "approved", actor: "system" }).ok).toBe(true);
  });

  it("keeps business decisions away from consumers and agents", () => {
    for (const actor of ["consumer", "agent", "drp_agent"] as const) {
      expect(planTransition({ from: "in_review", to: "approved", actor })).toEqual({ ok: false, code: "illegal_transition" });
      expect(planTransition({ from: "approved", to: "delivered", actor })).toEqual({ ok: false, code: "illegal_transition" });
      expect(
        planTransition({ from: "awaiting_verification", to: "denied", actor, reason: "r", denialReason: "other" }),
      ).toEqual({ ok: false, code: "illegal_transition" });
      // ...but a requester may withdraw without giving a reason (DRP revoke).
      expect(planTransition({ from: "collecting", to: "cancelled", actor })).toMatchObject({ ok: true });
    }
  });

  it("requires a valid denial reason code for every denial", () => {
    expect(planTransition({ from: "awaiting_verification", to: "denied", actor: "system" })).toEqual({
      ok: false,
      code: "denial_reason_required",
    });
    expect(planTransition({ from: "in_review", to: "denied", actor: "staff", reason: "Law enforcement hold." })).toEqual({
      ok: false,
      code: "denial_reason_required",
    });
    const forged = "bogus" as unknown as "other";
    expect(planTransition({ from: "in_review", to: "denied", actor: "staff", reason: "r", denialReason: forged })).toEqual({
      ok: false,
      code: "denial_reason_required",
    });
  });

  it("requires a reason text for staff denials and 'other' denials, not for the X19 auto-denial", () => {
    expect(planTransition({ from: "in_review", to: "denied", actor: "staff", denialReason: "exempt", reason: "  " })).toEqual({
      ok: false,
      code: "reason_required",
    });
    expect(planTransition({ from: "received", to: "denied", actor: "system", denialReason: "other" })).toEqual({
      ok: false,
      code: "reason_required",
    });
    expect(planTransition({ from: "awaiting_verification", to: "denied", actor: "system", denialReason: "unverifiable" })).toEqual({
      ok: true,
      event: { from: "awaiting_verification", to: "denied", actor: "system", reason: null, denialReason: "unverifiable" },
    });
  });

  it("requires a reason text when staff cancel, and records it trimmed", () => {
    expect(planTransition({ from: "received", to: "cancelled", actor: "staff" })).toEqual({ ok: false, code: "reason_required" });
    expect(planTransition({ from: "received", to: "cancelled", actor: "staff", reason: " Duplicate of request 9m4e. " })).toEqual({
      ok: true,
      event: { from: "received", to: "cancelled", actor: "staff", reason: "Duplicate of request 9m4e.", denialReason: null },
    });
  });

  it("drops a denial code given for a non-denial and refuses an unknown from state", () => {
    expect(planTransition({ from: "verified", to: "collecting", actor: "system", denialReason: "exempt" })).toEqual({
      ok: true,
      event: { from: "verified", to: "collecting", actor: "system", reason: null, denialReason: null },
    });
    const stale = "on_hold" as unknown as RequestState;
    expect(planTransition({ from: stale, to: "verified", actor: "system" })).toEqual({ ok: false, code: "illegal_transition" });
  });
});

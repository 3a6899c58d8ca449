import { describe, expect, it } from "vitest";
import { needsHumanReview } from "../../../server/requests/needs-human-review";

describe("needsHumanReview (REVIEW_REQUIRED)", () => {
  const consumerCategories = { type: "categories", agentId: null };
  const consumerSpecific = { type: "specific", agentId: null };
  const agentCategories = { type: "categories", agentId: "a".repeat(26) };

  it("[OPS]: the default holds specific pieces and agent requests for a reviewer, releases the rest", () => {
    expect(needsHumanReview(consumerSpecific, "specific,agent")).toBe(true);
    expect(needsHumanReview(agentCategories, "specific,agent")).toBe(true);
    expect(needsHumanReview(consumerCategories, "specific,agent")).toBe(false);
  });

  it("[OPS]: 'all' and 'none' apply to every request", () => {
    for (const request of [consumerCategories, consumerSpecific, agentCategories]) {
      expect(needsHumanReview(request, "all")).toBe(true);
      expect(needsHumanReview(request, "none")).toBe(false);
    }
  });

  it("[OPS]: a single rule only holds its own kind", () => {
    expect(needsHumanReview(agentCategories, "specific")).toBe(false);
    expect(needsHumanReview(consumerSpecific, "agent")).toBe(false);
  });
});

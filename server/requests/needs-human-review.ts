/**
 * Whether a disclosure waits for a privacy-operations reviewer before release, from the
 * REVIEW_REQUIRED setting: "none" (auto-release), "all", or a comma list of "specific"
 * (specific-pieces requests: the riskier disclosure, 11 CCR 7024(c)) and "agent" (requests made
 * through an authorized agent, 7063). A downgraded request counts as what it became.
 *
 * @example needsHumanReview({ type: "specific", agentId: null }, "specific,agent") // true
 */
export function needsHumanReview(request: { type: string; agentId: string | null }, setting: string): boolean {
  if (setting === "all") return true;
  if (setting === "none") return false;
  const rules = new Set(setting.split(","));
  return (rules.has("specific") && request.type === "specific") || (rules.has("agent") && request.agentId !== null);
}

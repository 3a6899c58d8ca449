import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from "./agent-policy";
import { incrementAgentFailedLogins, lockAgent } from "./agents.repository";

export type AgentSignInFailure = "unknown_account" | "bad_password" | "bad_code" | "code_reused" | "locked" | "not_active";

/**
 * Audits a refused sign-in and counts wrong passwords and codes: the fifth in a row pauses the
 * account for LOCKOUT_MINUTES, exactly as for staff (ADR 010). Details hold codes only.
 */
export async function recordAgentSignInFailure(ctx: AppContext, input: { agentId: string | null; reason: AgentSignInFailure; now: Date }): Promise<void> {
  const counts = input.agentId !== null && ["bad_password", "bad_code", "code_reused"].includes(input.reason);
  await runInWriteTransaction(ctx, async (tx) => {
    const actor = { kind: "agent" as const, id: input.agentId };
    await recordAuditEvent(tx, { actor, action: "agent.sign_in_failed", details: { reason: input.reason }, now: input.now });
    if (!counts) return;
    const failures = await incrementAgentFailedLogins(tx.db, { id: input.agentId!, now: toDbTime(input.now) });
    if (failures < MAX_FAILED_SIGN_INS) return;
    await lockAgent(tx.db, { id: input.agentId!, until: toDbTime(new Date(input.now.getTime() + LOCKOUT_MINUTES * 60_000)), now: toDbTime(input.now) });
    await recordAuditEvent(tx, { actor, action: "agent.locked_out", details: { failures, minutes: LOCKOUT_MINUTES }, now: input.now });
  });
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { hashSessionToken } from "../sessions/session-token";
import { findAgentToken, useAgentToken } from "./agent-tokens.repository";
import { markAgentEmailVerified } from "./agents.repository";

/**
 * Confirms an agent's address from the mailed link (single use, 24 hours) and activates the
 * account. Unknown, used and expired links get one answer: the agent registers or signs in again.
 */
export async function verifyAgentEmail(ctx: AppContext, input: { token: string; now?: Date }): Promise<{ status: "verified" | "invalid" }> {
  const now = input.now ?? new Date();
  const id = hashSessionToken(input.token);
  if (!id) return { status: "invalid" };
  const row = await findAgentToken(ctx.db, { id, purpose: "email_verify" });
  if (!row) return { status: "invalid" };
  return runInWriteTransaction(ctx, async (tx) => {
    if (!(await useAgentToken(tx.db, { id, now: toDbTime(now) }))) return { status: "invalid" as const };
    await markAgentEmailVerified(tx.db, { id: row.agent_id, now: toDbTime(now) });
    await recordAuditEvent(tx, { actor: { kind: "agent", id: row.agent_id }, action: "agent.email_verified", now });
    return { status: "verified" as const };
  });
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { matchTotpStep } from "../staff/totp-codes";
import { activateAgentTotp, findAgentById } from "./agents.repository";

/**
 * Turns on the agent's second factor once a code matches the pending secret (±1 step). From then
 * on signInAgent asks for a code after the password; the confirming code's step counts as used.
 */
export async function enrolAgentTotp(ctx: AppContext, input: { agentId: string; code: string; now?: Date }): Promise<{ status: "ok" | "bad_code" | "unavailable" }> {
  const now = input.now ?? new Date();
  const row = await findAgentById(ctx.db, input.agentId);
  if (!row || row.totp_secret !== null || !row.totp_pending_secret) return { status: "unavailable" };
  const secret = row.totp_pending_secret;
  const step = matchTotpStep(secret, input.code.trim(), now);
  if (step === null) return { status: "bad_code" };
  return runInWriteTransaction(ctx, async (tx) => {
    if (!(await activateAgentTotp(tx.db, { id: row.id, secret, step, now: toDbTime(now) }))) return { status: "unavailable" as const };
    await recordAuditEvent(tx, { actor: { kind: "agent", id: row.id }, action: "agent.totp_enrolled", now });
    return { status: "ok" as const };
  });
}

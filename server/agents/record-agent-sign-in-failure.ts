import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { countSignInFailure } from "../sign-in-throttle/count-sign-in-failure";
import { sendSignInAlert } from "../sign-in-throttle/send-sign-in-alert";

export type AgentSignInFailure = "unknown_account" | "bad_password" | "bad_code" | "code_reused" | "waiting" | "not_active";

/**
 * Audits a refused sign-in and counts it against the (address, IP) pair and the IP, exactly as for
 * staff (ADR 040; server/staff/record-failed-sign-in.ts). Details hold codes only. Returns how
 * long this origin must now wait, if at all.
 */
export async function recordAgentSignInFailure(
  ctx: AppContext,
  input: { agentId: string | null; email: string; ip: string | undefined; reason: AgentSignInFailure; now: Date },
): Promise<{ retryAfterSeconds: number | null }> {
  const count = await runInWriteTransaction(ctx, async (tx) => {
    await recordAuditEvent(tx, { actor: { kind: "agent", id: input.agentId }, action: "agent.sign_in_failed", details: { reason: input.reason }, now: input.now });
    if (input.reason === "not_active") return { retryAfterSeconds: null, alertHolder: false };
    return countSignInFailure(tx, {
      kind: "agent",
      email: input.email,
      ip: input.ip,
      accountId: input.agentId,
      counts: input.reason === "waiting" ? "waiting" : "credentials",
      now: input.now,
    });
  });
  // After the commit and not awaited, as for staff: the mail must not slow or fail this answer.
  if (count.alertHolder) void sendSignInAlert(ctx, { kind: "agent", to: input.email, ip: input.ip, now: input.now });
  return { retryAfterSeconds: count.retryAfterSeconds };
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { countSignInFailure } from "./count-sign-in-failure";
import { sendSignInAlert } from "./send-sign-in-alert";

/** Why a sign-in step was refused; `inactive` (a disabled or suspended account) is audited but not counted. */
export type SignInFailureReason = "unknown_account" | "bad_password" | "bad_code" | "code_reused" | "waiting" | "inactive";

/**
 * Audits a refused sign-in step of a staff member or an agent and counts it against the
 * (address, IP) pair and the IP (ADR 040). Passwords and codes share one count, so knowing the
 * password does not buy unlimited guesses at the code. An unknown address counts like a real one,
 * so the wait the page shows never tells whether an account exists (X3). Details hold codes only
 * (DESIGN.md §7). Returns how long this origin must now wait, if at all.
 */
export async function recordSignInFailure(
  ctx: AppContext,
  input: { kind: "staff" | "agent"; accountId: string | null; email: string; ip: string | undefined; reason: SignInFailureReason; details?: Record<string, string>; now: Date },
): Promise<{ retryAfterSeconds: number | null }> {
  const { kind, accountId, email, ip, reason, now } = input;
  const count = await runInWriteTransaction(ctx, async (tx) => {
    await recordAuditEvent(tx, { actor: { kind, id: accountId }, action: `${kind}.sign_in_failed`, details: { ...input.details, reason: auditedReason(kind, reason) }, now });
    if (reason === "inactive") return { retryAfterSeconds: null, alertHolder: false };
    return countSignInFailure(tx, { kind, email, ip, accountId, counts: reason === "waiting" ? "waiting" : "credentials", now });
  });
  // After the commit, and not awaited: the holder's mail must not slow this answer (which would
  // tell an outsider the address has an account) nor fail it.
  if (count.alertHolder) void sendSignInAlert(ctx, { kind, to: email, ip, now });
  return { retryAfterSeconds: count.retryAfterSeconds };
}

/** The audit trail keeps the words each account kind has always used for an inactive account. */
function auditedReason(kind: "staff" | "agent", reason: SignInFailureReason): string {
  if (reason !== "inactive") return reason;
  return kind === "staff" ? "disabled" : "not_active";
}

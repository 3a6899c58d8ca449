import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { countSignInFailure } from "../sign-in-throttle/count-sign-in-failure";
import { sendSignInAlert } from "../sign-in-throttle/send-sign-in-alert";

export type SignInFailureReason = "unknown_account" | "bad_password" | "bad_code" | "code_reused" | "waiting" | "disabled";

/**
 * Audits a refused sign-in step and counts it against the (address, IP) pair and the IP (ADR 040;
 * server/sign-in-throttle/). Passwords and codes share one count, so knowing the password does not
 * buy unlimited guesses at the code. An unknown address counts like a real one, so the wait the
 * page shows never tells whether an account exists (X3). Details hold ids and codes only
 * (DESIGN.md §7). Returns how long this origin must now wait, if at all.
 */
export async function recordFailedSignIn(
  ctx: AppContext,
  input: { userId: string | null; email: string; ip: string | undefined; step: "password" | "totp"; reason: SignInFailureReason; now: Date },
): Promise<{ retryAfterSeconds: number | null }> {
  const count = await runInWriteTransaction(ctx, async (tx) => {
    await recordAuditEvent(tx, { actor: { kind: "staff", id: input.userId }, action: "staff.sign_in_failed", details: { step: input.step, reason: input.reason }, now: input.now });
    if (input.reason === "disabled") return { retryAfterSeconds: null, alertHolder: false };
    return countSignInFailure(tx, {
      kind: "staff",
      email: input.email,
      ip: input.ip,
      accountId: input.userId,
      counts: input.reason === "waiting" ? "waiting" : "credentials",
      now: input.now,
    });
  });
  // After the commit, and not awaited: the holder's mail must not slow this answer (which would
  // tell an outsider the address has an account) nor fail it.
  if (count.alertHolder) void sendSignInAlert(ctx, { kind: "staff", to: input.email, ip: input.ip, now: input.now });
  return { retryAfterSeconds: count.retryAfterSeconds };
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { fromDbTime, toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { normalizeStaffEmail } from "../staff/normalize-staff-email";
import { matchTotpStep } from "../staff/totp-codes";
import { verifyStaffPassword } from "../staff/verify-staff-password";
import { MAX_PASSWORD_LENGTH } from "./agent-policy";
import { claimAgentTotpStep, clearAgentFailedLogins, findAgentByEmail } from "./agents.repository";
import { recordAgentSignInFailure } from "./record-agent-sign-in-failure";

/**
 * - `failed`: one answer for an unknown address, a wrong password or code, and a paused or
 *   suspended account (X3).
 * - `unconfirmed`: the password was right but the address is not confirmed yet.
 * - `needs_code`: the agent turned on a second factor; ask again with `code`.
 * - `signed_in`: open a session.
 */
export type SignInAgentResult = { status: "failed" | "unconfirmed" | "needs_code" } | { status: "signed_in"; agentId: string };

/**
 * Agent sign-in with the staff accounts' protection (ADR 010, ADR 013): argon2id against a dummy
 * hash for unknown addresses (same time either way), a shared failure counter for passwords and
 * codes with a 15-minute pause after 5, and TOTP codes usable once.
 */
export async function signInAgent(ctx: AppContext, input: { email: string; password: string; code?: string; now?: Date }): Promise<SignInAgentResult> {
  const now = input.now ?? new Date();
  const row = await findAgentByEmail(ctx.db, normalizeStaffEmail(input.email));
  const passwordOk = await verifyStaffPassword(row?.password_hash ?? null, input.password.slice(0, MAX_PASSWORD_LENGTH + 1));
  if (!row) {
    await recordAgentSignInFailure(ctx, { agentId: null, reason: "unknown_account", now });
    return { status: "failed" };
  }
  const locked = row.locked_until !== null && fromDbTime(row.locked_until) > now;
  const refusal = locked ? "locked" : !passwordOk ? "bad_password" : row.status === "suspended" ? "not_active" : null;
  if (refusal) {
    await recordAgentSignInFailure(ctx, { agentId: row.id, reason: refusal, now });
    return { status: "failed" };
  }
  if (row.email_verified_at === null) return { status: "unconfirmed" };
  if (row.totp_secret) {
    if (!input.code) return { status: "needs_code" };
    const step = matchTotpStep(row.totp_secret, input.code.trim(), now);
    if (step === null || !(await claimAgentTotpStep(ctx.db, { id: row.id, step, now: toDbTime(now) }))) {
      await recordAgentSignInFailure(ctx, { agentId: row.id, reason: step === null ? "bad_code" : "code_reused", now });
      return { status: "failed" };
    }
  }
  await runInWriteTransaction(ctx, async (tx) => {
    await clearAgentFailedLogins(tx.db, { id: row.id, now: toDbTime(now) });
    await recordAuditEvent(tx, { actor: { kind: "agent", id: row.id }, action: "agent.signed_in", details: { factors: row.totp_secret ? "password_totp" : "password" }, now });
  });
  return { status: "signed_in", agentId: row.id };
}

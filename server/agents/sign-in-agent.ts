import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { checkSignInThrottle } from "../sign-in-throttle/check-sign-in-throttle";
import { clearSignInThrottle } from "../sign-in-throttle/clear-sign-in-throttle";
import { recordSignInFailure, type SignInFailureReason } from "../sign-in-throttle/record-sign-in-failure";
import { normalizeStaffEmail } from "../staff/normalize-staff-email";
import { matchTotpStep } from "../staff/totp-codes";
import { verifyStaffPassword } from "../staff/verify-staff-password";
import { MAX_PASSWORD_LENGTH } from "./agent-policy";
import { claimAgentTotpStep, findAgentByEmail } from "./agents.repository";

/**
 * - `failed`: one answer for an unknown address, a wrong password or code, and a suspended
 *   account (X3); `retryAfterSeconds` when this address from this IP (or this IP) must wait.
 * - `unconfirmed`: the password was right but the address is not confirmed yet.
 * - `needs_code`: the agent turned on a second factor; ask again with `code`.
 * - `signed_in`: open a session.
 */
export type SignInAgentResult =
  | { status: "failed"; retryAfterSeconds: number | null }
  | { status: "unconfirmed" | "needs_code" }
  | { status: "signed_in"; agentId: string };

/**
 * Agent sign-in with the staff accounts' protection (ADR 010, ADR 013, ADR 040): argon2id against
 * a dummy hash for unknown addresses (same time either way), one failure count for passwords and
 * codes per (address, IP) pair with growing waits and a lock per IP, never per account, and TOTP
 * codes usable once.
 */
export async function signInAgent(ctx: AppContext, input: { email: string; password: string; code?: string; ip?: string; now?: Date }): Promise<SignInAgentResult> {
  const now = input.now ?? new Date();
  const email = normalizeStaffEmail(input.email);
  const waiting = await checkSignInThrottle(ctx, { kind: "agent", email, ip: input.ip, now });
  const row = await findAgentByEmail(ctx.db, email);
  const passwordOk = await verifyStaffPassword(row?.password_hash ?? null, input.password.slice(0, MAX_PASSWORD_LENGTH + 1));
  const refuse = async (reason: SignInFailureReason): Promise<SignInAgentResult> => {
    const { retryAfterSeconds } = await recordSignInFailure(ctx, { kind: "agent", accountId: row?.id ?? null, email, ip: input.ip, reason, now });
    return { status: "failed", retryAfterSeconds: waiting?.retryAfterSeconds ?? retryAfterSeconds };
  };
  const refusal = waiting ? "waiting" : !row ? "unknown_account" : !passwordOk ? "bad_password" : row.status === "suspended" ? "inactive" : null;
  if (refusal || !row) return refuse(refusal ?? "unknown_account");
  if (row.email_verified_at === null) return { status: "unconfirmed" };
  if (row.totp_secret) {
    if (!input.code) return { status: "needs_code" };
    const step = matchTotpStep(row.totp_secret, input.code.trim(), now);
    if (step === null || !(await claimAgentTotpStep(ctx.db, { id: row.id, step, now: toDbTime(now) }))) return refuse(step === null ? "bad_code" : "code_reused");
  }
  await runInWriteTransaction(ctx, async (tx) => {
    await clearSignInThrottle(tx, { kind: "agent", email, ip: input.ip, accountId: row.id });
    await recordAuditEvent(tx, { actor: { kind: "agent", id: row.id }, action: "agent.signed_in", details: { factors: row.totp_secret ? "password_totp" : "password" }, now });
  });
  return { status: "signed_in", agentId: row.id };
}

import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from "./staff-policy";
import { incrementFailedLogins, lockStaffUser } from "./staff-users.repository";

export type SignInFailureReason = "unknown_account" | "bad_password" | "bad_code" | "code_reused" | "locked" | "disabled";

/**
 * Audits a refused sign-in step and, for a wrong password or code on a usable account, counts it:
 * the fifth failure in a row pauses the account for LOCKOUT_MINUTES (OWASP Authentication Cheat
 * Sheet, account lockout). Passwords and codes share one counter, so knowing the password does not
 * buy unlimited guesses at the code. Details hold ids and codes only (DESIGN.md §7).
 */
export async function recordFailedSignIn(
  ctx: AppContext,
  input: { userId: string | null; step: "password" | "totp"; reason: SignInFailureReason; now: Date },
): Promise<{ locked: boolean }> {
  const now = toDbTime(input.now);
  const counts = input.userId !== null && (input.reason === "bad_password" || input.reason === "bad_code" || input.reason === "code_reused");
  return runInWriteTransaction(ctx, async (tx) => {
    const actor = { kind: "staff" as const, id: input.userId };
    await recordAuditEvent(tx, { actor, action: "staff.sign_in_failed", details: { step: input.step, reason: input.reason }, now: input.now });
    if (!counts) return { locked: false };
    const failures = await incrementFailedLogins(tx.db, { id: input.userId!, now });
    if (failures < MAX_FAILED_SIGN_INS) return { locked: false };
    const until = new Date(input.now.getTime() + LOCKOUT_MINUTES * 60_000);
    await lockStaffUser(tx.db, { id: input.userId!, until: toDbTime(until), now });
    await recordAuditEvent(tx, { actor, action: "staff.locked_out", details: { failures, minutes: LOCKOUT_MINUTES }, now: input.now });
    ctx.logger.warn({ staffUserId: input.userId }, "staff account locked after repeated sign-in failures");
    return { locked: true };
  });
}

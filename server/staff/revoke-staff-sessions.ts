import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { hashSessionToken } from "../sessions/session-token";
import { revokeStaffSessionRows } from "./staff-sessions.repository";

export type RevokeStaffSessionsInput =
  /** Sign out this browser (the cookie's token). */
  | { token: string; actorId: string | null; now?: Date }
  /** Sign a user out everywhere, e.g. an admin after a lost laptop, or when disabling the account. */
  | { userId: string; actorId: string | null; now?: Date };

/**
 * Ends staff sessions at once; rows stay, with revoked_at, as a record of access. Returns how many
 * were ended (0 for an unknown or malformed token). Audited with ids only.
 */
export async function revokeStaffSessions(ctx: AppContext, input: RevokeStaffSessionsInput): Promise<number> {
  const at = input.now ?? new Date();
  const now = toDbTime(at);
  const sessionId = "token" in input ? hashSessionToken(input.token) : null;
  const where = "userId" in input ? { userId: input.userId, now } : sessionId ? { id: sessionId, now } : null;
  if (!where) return 0;
  return runInWriteTransaction(ctx, async (tx) => {
    const revoked = await revokeStaffSessionRows(tx.db, where);
    if (revoked === 0) return 0;
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.actorId },
      action: "userId" in where ? "staff.sessions_revoked" : "staff.signed_out",
      details: { count: revoked, ...("userId" in where ? { userId: where.userId } : {}) },
      now: at,
    });
    return revoked;
  });
}

import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { mintSessionToken } from "../sessions/session-token";
import { SESSION_ABSOLUTE_HOURS } from "./staff-policy";
import { insertStaffSession } from "./staff-sessions.repository";

export interface CreatedStaffSession {
  /** Goes in the rtk_staff cookie, once; never stored or logged. */
  token: string;
  /** SHA-256 of the token, the row id (ADR 003): a leaked table opens no session. */
  id: string;
  /** The absolute end; idleness may end it sooner (readStaffSession). */
  expiresAt: Date;
}

/**
 * Opens a staff session. Call only after every required factor passed (signInStaff said
 * `signed_in`, or verifyStaffTotp / enrolStaffTotp said `ok`).
 */
export async function createStaffSession(ctx: AppContext, input: { userId: string; now?: Date }): Promise<CreatedStaffSession> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000);
  const { token, id } = mintSessionToken();
  await insertStaffSession(ctx.db, {
    id,
    user_id: input.userId,
    created_at: toDbTime(now),
    last_seen_at: toDbTime(now),
    expires_at: toDbTime(expiresAt),
    revoked_at: null,
  });
  ctx.logger.info({ sessionId: id.slice(0, 12), staffUserId: input.userId }, "staff session created");
  return { token, id, expiresAt };
}

import type { AppContext } from "../context";
import { fromDbTime, toDbTime } from "../lib/clock";
import { hashSessionToken } from "../sessions/session-token";
import { SESSION_IDLE_MINUTES, SESSION_TOUCH_SECONDS } from "./staff-policy";
import { findStaffSessionWithUser, touchStaffSession } from "./staff-sessions.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";

export interface StaffSession {
  id: string;
  user: StaffUser;
  /** The absolute end of the session. */
  expiresAt: Date;
}

/**
 * The live session a cookie token stands for, or null when the token is malformed or unknown, the
 * session was revoked, has been idle for SESSION_IDLE_MINUTES, is past its absolute end, or its
 * user is disabled. Using a session moves its idle deadline (at most one write a minute).
 */
export async function readStaffSession(ctx: AppContext, input: { token: string; now?: Date }): Promise<StaffSession | null> {
  const id = hashSessionToken(input.token);
  if (!id) return null;
  const found = await findStaffSessionWithUser(ctx.db, id);
  if (!found) return null;
  const { session, user } = found;
  const now = input.now ?? new Date();
  const lastSeen = fromDbTime(session.last_seen_at);
  const idleFor = now.getTime() - lastSeen.getTime();
  if (session.revoked_at !== null || fromDbTime(session.expires_at) <= now || idleFor >= SESSION_IDLE_MINUTES * 60_000) return null;
  if (user.disabled_at !== null) return null;
  if (idleFor >= SESSION_TOUCH_SECONDS * 1000) await touchStaffSession(ctx.db, { id, now: toDbTime(now) });
  return { id, user: toStaffUser(user), expiresAt: fromDbTime(session.expires_at) };
}

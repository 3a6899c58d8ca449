import type { AppContext } from "../context";
import { fromDbTime, toDbTime } from "../lib/clock";
import { findConsumerSession } from "./consumer-sessions.repository";
import { hashSessionToken } from "./session-token";

export interface ConsumerSession {
  id: string;
  requestId: string;
  expiresAt: Date;
}

/**
 * The live session a cookie token stands for, or null when the token is malformed, unknown,
 * expired or revoked. Callers treat every null alike (a 404 for request pages, X10), so the
 * answer never tells a visitor which of those it was.
 */
export async function readConsumerSession(ctx: AppContext, input: { token: string; now?: Date }): Promise<ConsumerSession | null> {
  const id = hashSessionToken(input.token);
  if (!id) return null;
  const row = await findConsumerSession(ctx.db, id);
  const now = toDbTime(input.now ?? new Date());
  if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
  return { id: row.id, requestId: row.request_id, expiresAt: fromDbTime(row.expires_at) };
}

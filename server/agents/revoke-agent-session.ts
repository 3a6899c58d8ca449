import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { hashSessionToken } from "../sessions/session-token";
import { revokeAgentSessionRow } from "./agent-sessions.repository";

/** Signs one browser out: the session row is revoked, so the cookie is worthless even if kept. */
export async function revokeAgentSession(ctx: AppContext, input: { token: string; now?: Date }): Promise<void> {
  const id = hashSessionToken(input.token);
  if (id) await revokeAgentSessionRow(ctx.db, { id, now: toDbTime(input.now ?? new Date()) });
}

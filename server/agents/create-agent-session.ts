import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { mintSessionToken } from "../sessions/session-token";
import { AGENT_SESSION_HOURS } from "./agent-policy";
import { insertAgentSession } from "./agent-sessions.repository";

/**
 * Opens an agent session after sign-in (ADR 003, ADR 013). The cookie gets the random token once;
 * the row keeps only its SHA-256, so a leaked table opens no session.
 */
export async function createAgentSession(ctx: AppContext, input: { agentId: string; now?: Date }): Promise<{ token: string; id: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + AGENT_SESSION_HOURS * 3_600_000);
  const { token, id } = mintSessionToken();
  await insertAgentSession(ctx.db, { id, agent_id: input.agentId, created_at: toDbTime(now), last_seen_at: toDbTime(now), expires_at: toDbTime(expiresAt), revoked_at: null });
  ctx.logger.info({ sessionId: id.slice(0, 12), agentId: input.agentId }, "agent session created");
  return { token, id, expiresAt };
}

import type { AppContext } from "../context";
import { fromDbTime, toDbTime } from "../lib/clock";
import { hashSessionToken } from "../sessions/session-token";
import { SESSION_IDLE_MINUTES, SESSION_TOUCH_SECONDS } from "./agent-policy";
import { findAgentSessionWithAgent, touchAgentSession } from "./agent-sessions.repository";

export interface AgentSession {
  id: string;
  agent: { id: string; name: string; kind: string; email: string };
}

/**
 * The live session a cookie token stands for, or null: malformed or unknown token, revoked, idle
 * for SESSION_IDLE_MINUTES, past its end, or an agent account that is not active (suspended, e.g.
 * after a consumer said they never authorized it; X5). Same rules as staff sessions (ADR 010).
 */
export async function readAgentSession(ctx: AppContext, input: { token: string; now?: Date }): Promise<AgentSession | null> {
  const id = hashSessionToken(input.token);
  if (!id) return null;
  const found = await findAgentSessionWithAgent(ctx.db, id);
  if (!found) return null;
  const { session, agent } = found;
  const now = input.now ?? new Date();
  const idleFor = now.getTime() - fromDbTime(session.last_seen_at).getTime();
  if (session.revoked_at !== null || fromDbTime(session.expires_at) <= now || idleFor >= SESSION_IDLE_MINUTES * 60_000) return null;
  if (agent.status !== "active") return null;
  if (idleFor >= SESSION_TOUCH_SECONDS * 1000) await touchAgentSession(ctx.db, { id, now: toDbTime(now) });
  return { id, agent: { id: agent.id, name: agent.name, kind: agent.kind, email: agent.email } };
}


import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { mintSessionToken } from "../sessions/session-token";
import { insertAgentToken, type AgentTokenPurpose } from "./agent-tokens.repository";

/**
 * A single-use, expiring link token (256 random bits). The row keeps only its SHA-256, so the
 * table opens nothing; the plaintext goes into one mail and nowhere else.
 */
export async function issueAgentToken(
  ctx: AppContext,
  input: { purpose: AgentTokenPurpose; agentId: string; authorizationId?: string; ttlMs: number; now: Date },
): Promise<string> {
  const { token, id } = mintSessionToken();
  await insertAgentToken(ctx.db, {
    id,
    purpose: input.purpose,
    agent_id: input.agentId,
    authorization_id: input.authorizationId ?? null,
    expires_at: toDbTime(new Date(input.now.getTime() + input.ttlMs)),
    used_at: null,
    created_at: toDbTime(input.now),
  });
  return token;
}

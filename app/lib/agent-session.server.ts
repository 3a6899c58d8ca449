import { redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { AGENT_SESSION_HOURS } from "../../server/agents/agent-policy";
import { createAgentSession } from "../../server/agents/create-agent-session";
import { readAgentSession, type AgentSession } from "../../server/agents/read-agent-session";
import { revokeAgentSession } from "../../server/agents/revoke-agent-session";
import { readSessionToken, sessionCookie } from "./session-cookie.server";

export type { AgentSession };

export const AGENT_LOGIN_PATH = "/agent/login";
/** Agent pages list consumers' names and requests: never kept in shared or back-button caches. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The agent session's cookie (ADR 003, ADR 013): its own name, never readable as a staff session. */
function getAgentCookie(context: AppLoadContext): Cookie {
  return sessionCookie(context, "rtk_agent", AGENT_SESSION_HOURS * 3600);
}

function readAgentToken(request: Request, context: AppLoadContext): Promise<string | null> {
  return readSessionToken(getAgentCookie(context), request);
}

/** The visitor's live agent session, or null (for the public agent pages). */
export async function getAgent(request: Request, context: AppLoadContext): Promise<AgentSession | null> {
  const token = await readAgentToken(request, context);
  return token ? readAgentSession(context.app, { token }) : null;
}

/**
 * Guard for every signed-in agent loader and action (style-models §7 rule 2). Signed out: a
 * redirect to sign in that comes back to this /agent page, or 404 for downloads (no hint that the
 * document exists). What the agent may see is decided by the service it then calls, always with
 * the session's agent id (server/agents: another agent's id reads as not found).
 */
export async function requireAgent(request: Request, context: AppLoadContext, options: { resource?: boolean } = {}): Promise<AgentSession> {
  const session = await getAgent(request, context);
  if (session) return session;
  if (options.resource) throw new Response("Not found", { status: 404, headers: NO_STORE });
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  throw redirect(`${AGENT_LOGIN_PATH}?redirectTo=${encodeURIComponent(safeAgentRedirect(path))}`, { headers: NO_STORE });
}

/** Only an /agent page, never the sign-in pages, never another site (no open redirect). */
export function safeAgentRedirect(value: unknown): string {
  if (typeof value !== "string" || !/^\/agent(\/[A-Za-z0-9._~\-/]*)?$/.test(value) || value.includes("//")) return "/agent";
  if (/^\/agent\/(login|logout|register|verify-email)\b/.test(value)) return "/agent";
  return value;
}

/** Opens a session for an agent who passed sign-in; returns the Set-Cookie header value. */
export async function commitAgentSession(context: AppLoadContext, agentId: string): Promise<string> {
  const session = await createAgentSession(context.app, { agentId });
  return getAgentCookie(context).serialize(session.token, { expires: session.expiresAt });
}

/** Signs this browser out: revokes the row and clears the cookie. */
export async function destroyAgentSession(request: Request, context: AppLoadContext): Promise<string> {
  const token = await readAgentToken(request, context);
  if (token) await revokeAgentSession(context.app, { token });
  return getAgentCookie(context).serialize("", { maxAge: 0, expires: new Date(0) });
}

import type { AppLoadContext } from "@remix-run/node";
import { resendAgentConfirmation, type ResendAgentConfirmationResult } from "../../server/agents/resend-agent-confirmation";
import { isAppError } from "../../server/lib/errors";
import type { AgentSession } from "./agent-session.server";

const REQUEST_ID = /^[0-9a-z]{26}$/;
const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

/**
 * "Send the confirmation mail again" for the signed-in agent's own request. The caller has passed
 * requireAgent and the CSRF check; another agent's request is the same 404 as a made-up one (X10).
 */
export async function resendConfirmationForAgent(context: AppLoadContext, agent: AgentSession, requestId: string | undefined): Promise<ResendAgentConfirmationResult> {
  if (!requestId || !REQUEST_ID.test(requestId)) throw notFound();
  try {
    return await resendAgentConfirmation(context.app, { agentId: agent.agent.id, requestId });
  } catch (error) {
    if (isAppError(error, "not_found")) throw notFound();
    throw error;
  }
}

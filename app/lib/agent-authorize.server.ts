import type { AppLoadContext } from "@remix-run/node";
import { answerAgentAuthorization } from "../../server/agents/answer-agent-authorization";
import { readConsumerAuthorization } from "../../server/agents/read-consumer-authorization";
import { sendRequestCode } from "./consumer-codes.server";
import { getConsumerSession } from "./consumer-session.server";

/**
 * What the consumer's confirmation page shows: the agent's name and kind (and SoS number for a
 * business), never the request's other details. Null for a link that no longer works.
 */
export async function loadAgentAuthorization(context: AppLoadContext, token: string) {
  const view = await readConsumerAuthorization(context.app, { token });
  if (!view) return null;
  return {
    agent: { name: view.agent.name, kind: view.agent.kind, sosNumber: view.agent.sosNumber },
    // R23: offered only when the business's policy allows release to agents at all.
    offerRelease: context.app.env.AGENT_DISCLOSURE_RELEASE === "consumer_and_agent",
  };
}

export type AuthorizeOutcome = { status: "invalid" | "refused" } | { status: "confirmed"; redirectTo: string; headers: Headers };

/**
 * The consumer's answer. "Yes" leads straight into the normal consumer verification: a code to the
 * request's own address and the /verify page, so the consumer gets their own session (7063(a)(1)).
 * A consumer who already proved that address for this request (they signed in from the receipt
 * mail first) goes straight on to the data points: a second code a minute later would only meet
 * the code throttle.
 */
export async function answerAgentAuthorizationFromForm(
  request: Request,
  context: AppLoadContext,
  input: { token: string; form: FormData; uiLanguage: string },
): Promise<AuthorizeOutcome> {
  const answer = input.form.get("intent") === "confirm" ? "confirmed" : input.form.get("intent") === "refuse" ? "refused" : null;
  if (!answer) return { status: "invalid" };
  const result = await answerAgentAuthorization(context.app, { token: input.token, answer, releaseToAgent: input.form.get("releaseToAgent") === "yes" });
  if (result.status !== "confirmed") return { status: result.status };
  const session = await getConsumerSession(request, context);
  if (session?.requestId === result.requestId) {
    return { status: "confirmed", redirectTo: `/requests/${result.requestId}/confirm`, headers: new Headers({ "Cache-Control": "no-store" }) };
  }
  const { setCookie } = await sendRequestCode(context, { requestId: result.requestId, uiLanguage: input.uiLanguage });
  return { status: "confirmed", redirectTo: "/verify", headers: new Headers({ "Set-Cookie": setCookie, "Cache-Control": "no-store" }) };
}

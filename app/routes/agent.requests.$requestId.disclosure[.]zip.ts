import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveDisclosureToAgent } from "~/lib/agent-requests.server";
import { requireAgent } from "~/lib/agent-session.server";

// The download bundle (ADR 028), only when AGENT_DISCLOSURE_RELEASE and the consumer allow it (R23); 404 otherwise.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const agent = await requireAgent(request, context, { resource: true });
  return serveDisclosureToAgent(context, agent, params.requestId, "zip");
}

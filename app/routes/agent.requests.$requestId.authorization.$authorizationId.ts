import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAuthorizationDocument } from "~/lib/agent-requests.server";
import { requireAgent } from "~/lib/agent-session.server";

// The agent's own upload, as an attachment; another agent's document is 404 like a made-up id.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const agent = await requireAgent(request, context, { resource: true });
  return serveAuthorizationDocument(context, { requestId: params.requestId, authorizationId: params.authorizationId, viewer: { kind: "agent", id: agent.agent.id } });
}

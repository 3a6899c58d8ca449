import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAuthorizationToConsumer } from "~/lib/agent-requests.server";
import { requireConsumerRequest } from "~/lib/consumer-session.server";

// The consumer sees the permission an agent filed for them (issue 17.6, 11 CCR 7063(a)): only the
// session their e-mail code opened for this request (404 for anyone else, X10).
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const session = await requireConsumerRequest(request, context, params.requestId);
  return serveAuthorizationToConsumer(context, session.requestId);
}

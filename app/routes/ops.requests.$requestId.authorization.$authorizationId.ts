import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveAuthorizationDocument } from "~/lib/agent-requests.server";
import { requireStaff } from "~/lib/staff-session.server";

// A reviewer checks the agent's proof of authority (R21, R22). Served as an attachment with a
// sandboxing CSP, never inline; each view is audited.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "review:request:any", { resource: true });
  return serveAuthorizationDocument(context, { requestId: params.requestId, authorizationId: params.authorizationId, viewer: { kind: "staff", id: staff.user.id } });
}

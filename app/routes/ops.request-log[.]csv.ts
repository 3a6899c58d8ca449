import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requestLogCsvResponse } from "~/lib/ops-metrics.server";
import { NO_STORE, requireStaff } from "~/lib/staff-session.server";

// GET /ops/request-log.csv?from=&to=: the 11 CCR 7101(a) request log (R38), walled off to privacy
// ops (R39) and audited on every export. Signed out: 401.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "export:metrics:any", { resource: true });
  return requestLogCsvResponse(context.app, staff, new URL(request.url));
}

// Read-only: a POST is refused, after the same guard, so nobody learns anything by posting.
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context, "export:metrics:any", { resource: true });
  throw new Response("Method not allowed", { status: 405, headers: { ...NO_STORE, Allow: "GET, HEAD" } });
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { metricsCsvResponse } from "~/lib/ops-metrics.server";
import { NO_STORE, requireStaff } from "~/lib/staff-session.server";

// GET /ops/metrics.csv?year=2025: the 11 CCR 7102(a) metrics as CSV (R40). Signed out: 401.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context, "export:metrics:any", { resource: true });
  return metricsCsvResponse(context.app, staff, new URL(request.url));
}

// Read-only: a POST is refused, after the same guard, so nobody learns anything by posting.
export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context, "export:metrics:any", { resource: true });
  throw new Response("Method not allowed", { status: 405, headers: { ...NO_STORE, Allow: "GET, HEAD" } });
}

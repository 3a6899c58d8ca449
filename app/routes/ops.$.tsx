import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { OpsErrorBoundary } from "~/components/ops/ops-error-boundary";
import { requireStaff } from "~/lib/staff-session.server";

// Unknown /ops addresses: signed-out visitors go to sign-in like everywhere under /ops (the
// address alone tells them nothing); staff get a 404 inside the console.
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context);
  throw new Response("Not found", { status: 404 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context);
  throw new Response("Not found", { status: 404 });
}

export default function OpsNotFound() {
  return null;
}

export const ErrorBoundary = OpsErrorBoundary;

import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveDisclosure } from "~/lib/consumer-download.server";

// Resource route: the PDF for reading and printing (R33). Guarded by the session bound to the request (404 otherwise).
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return serveDisclosure(request, context, params.requestId, "pdf");
}

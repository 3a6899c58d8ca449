import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveDisclosure } from "~/lib/consumer-download.server";

// Resource route: the download bundle (PDF, JSON, CSV per dataset, stored files; ADR 028). Same guard and audit as the PDF.
export function loader({ request, context, params }: LoaderFunctionArgs) {
  return serveDisclosure(request, context, params.requestId, "zip");
}

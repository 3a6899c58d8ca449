import { createReadableStreamFromReadable, type AppLoadContext } from "@remix-run/node";
import { recordAuditEvent } from "../../server/audit/record-audit-event";
import { openReport } from "../../server/delivery/open-report";
import { requireConsumerRequest } from "./consumer-session.server";

const CONTENT_TYPES = { pdf: "application/pdf", json: "application/json; charset=utf-8", zip: "application/zip" } as const;

/**
 * Streams the requester's own disclosure (11 CCR 7024(f)-(g): delivered only to the verified
 * requester, through the authenticated portal; R32, R33). 404 for everyone without the session
 * bound to this request, with nothing that tells an existing request from a made-up id (X10).
 *
 * The bytes are decrypted and checked segment by segment while they stream; if the stored report
 * was tampered with, the stream errors and the HTTP response is aborted, never completed with a
 * wrong file. Each download is audited (who: the consumer; what: request id and format).
 */
export async function serveDisclosure(request: Request, context: AppLoadContext, requestId: string | undefined, format: "pdf" | "json" | "zip"): Promise<Response> {
  const session = await requireConsumerRequest(request, context, requestId);
  const ctx = context.app;
  const opened = await openReport(ctx, { requestId: session.requestId, format });
  if (!opened.ok) throw new Response(opened.code === "expired" ? "Gone" : "Not found", { status: opened.code === "expired" ? 410 : 404 });
  await recordAuditEvent(ctx, {
    actor: { kind: "consumer", id: null },
    action: "report.downloaded",
    requestId: session.requestId,
    details: { format, reportId: opened.report.id, sessionId: session.id.slice(0, 12) },
  });
  opened.stream.once("error", () => ctx.logger.warn({ requestId: session.requestId, format }, "disclosure download aborted"));
  return new Response(createReadableStreamFromReadable(opened.stream), {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Length": String(opened.report.sizeBytes),
      // No name, no e-mail in the file name: it shows up in download histories and shared folders.
      "Content-Disposition": `attachment; filename="disclosure-${session.requestId}.${format}"`,
      // X-Content-Type-Options: nosniff comes with every response (server/http/security-headers.ts);
      // Express appends rather than replaces, so repeating it here would send it twice.
      "Cache-Control": "no-store",
    },
  });
}

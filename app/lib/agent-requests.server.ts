import { createReadableStreamFromReadable, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type AppLoadContext } from "@remix-run/node";
import { MAX_AUTHORIZATION_BYTES } from "../../server/agents/agent-policy";
import { throwIfBodyTooLarge } from "./read-form.server";
import { getAgentRequest } from "../../server/agents/get-agent-request";
import { listAgentRequests } from "../../server/agents/list-agent-requests";
import { openAuthorizationDocument } from "../../server/agents/open-authorization-document";
import { resendAgentConfirmation, type ResendAgentConfirmationResult } from "../../server/agents/resend-agent-confirmation";
import { submitAgentRequest, type AgentRequestFields, type DocumentProblem } from "../../server/agents/submit-agent-request";
import { openReport } from "../../server/delivery/open-report";
import { recordAuditEvent } from "../../server/audit/record-audit-event";
import { isAppError } from "../../server/lib/errors";
import { assertCsrf } from "./csrf.server";
import type { AgentSession } from "./agent-session.server";

export { MAX_AUTHORIZATION_BYTES };
const REQUEST_ID = /^[0-9a-z]{26}$/;
const TEXT_FIELDS = ["type", "period", "language", "authorizationKind", "californiaResident", "name", "email", "phone", "street", "city", "state", "postalCode", "declaration"] as const;
const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });

export function listRequestsForAgent(context: AppLoadContext, agent: AgentSession) {
  return listAgentRequests(context.app, { agentId: agent.agent.id });
}

/** Runs a service call on one of the agent's own requests; another agent's, made-up or malformed id is the same 404 (X10). */
async function forOwnRequest<T>(requestId: string | undefined, run: (requestId: string) => Promise<T>): Promise<T> {
  if (!requestId || !REQUEST_ID.test(requestId)) throw notFound();
  try {
    return await run(requestId);
  } catch (error) {
    if (isAppError(error, "not_found")) throw notFound();
    throw error;
  }
}

/** One of the agent's own requests; anything else (another agent's, made up, malformed) is 404. */
export function loadRequestForAgent(context: AppLoadContext, agent: AgentSession, requestId: string | undefined) {
  return forOwnRequest(requestId, (id) => getAgentRequest(context.app, { agentId: agent.agent.id, requestId: id }));
}

/**
 * "Send the confirmation mail again" for the signed-in agent's own request. The caller has passed
 * requireAgent and the CSRF check.
 */
export function resendConfirmationForAgent(context: AppLoadContext, agent: AgentSession, requestId: string | undefined): Promise<ResendAgentConfirmationResult> {
  return forOwnRequest(requestId, (id) => resendAgentConfirmation(context.app, { agentId: agent.agent.id, requestId: id }));
}

export type SubmitOutcome = { ok: false; fields: string[]; values: Partial<Record<(typeof TEXT_FIELDS)[number], string>> } | { ok: true; requestId: string };

/**
 * Parses the new-request form as it streams in: each part is capped at 10 MB and the parse stops
 * at the first byte beyond (nothing larger is ever buffered), then one service call decides.
 * The CSRF field is checked before the request is recorded.
 */
export async function submitRequestForAgent(request: Request, context: AppLoadContext, agent: AgentSession): Promise<SubmitOutcome> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_AUTHORIZATION_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, fields: ["document_too_large"], values: {} };
    throwIfBodyTooLarge(error);
    throw new Response("Bad request", { status: 400 });
  }
  await assertCsrf(request, context, form);
  const values = Object.fromEntries(TEXT_FIELDS.map((name) => [name, typeof form.get(name) === "string" ? String(form.get(name)).slice(0, 400) : ""]));
  const file = form.get("document");
  let document: Buffer | null | DocumentProblem = null;
  if (file instanceof Blob && (file.size > 0 || (file as File).name)) document = Buffer.from(await file.arrayBuffer());
  const fields = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "")) as AgentRequestFields;
  const result = await submitAgentRequest(context.app, { agentId: agent.agent.id, agentName: agent.agent.name, agentKind: agent.agent.kind, fields, document });
  return result.ok ? { ok: true, requestId: result.requestId } : { ok: false, fields: result.fields, values };
}

/** The agent's own uploaded document, or the staff reviewer's copy: always an attachment (never inline). */
export function serveAuthorizationDocument(
  context: AppLoadContext,
  input: { requestId: string | undefined; authorizationId: string | undefined; viewer: { kind: "staff" | "agent"; id: string } },
): Promise<Response> {
  const { requestId, authorizationId, viewer } = input;
  if (!requestId || !REQUEST_ID.test(requestId) || !authorizationId || !REQUEST_ID.test(authorizationId)) throw notFound();
  return serveOpened(openAuthorizationDocument(context.app, { requestId, authorizationId, viewer }));
}

/**
 * The permission document an agent uploaded, for the consumer the request is about (issue 17.6):
 * the caller has checked that the consumer's verified session is for this request. 404 when the
 * request carries none (the consumer's own request, a DRP request). Served like the staff copy:
 * an attachment, sandboxed, named without our ids.
 */
export function serveAuthorizationToConsumer(context: AppLoadContext, requestId: string): Promise<Response> {
  return serveOpened(openAuthorizationDocument(context.app, { requestId, viewer: { kind: "consumer" } }));
}

async function serveOpened(opening: ReturnType<typeof openAuthorizationDocument>): Promise<Response> {
  let opened;
  try {
    opened = await opening;
  } catch (error) {
    if (isAppError(error, "not_found")) throw notFound();
    throw error;
  }
  return new Response(createReadableStreamFromReadable(opened.stream), { status: 200, headers: attachmentHeaders(opened.mimeType, opened.sizeBytes, opened.fileName) });
}

/**
 * The disclosure for an agent the policy allows it to (AGENT_DISCLOSURE_RELEASE, R23); 404 in every
 * other case, so an agent cannot tell a withheld disclosure from a missing one. Audited as a
 * delivery to the agent (R23: "report delivery to an agent is logged").
 */
export async function serveDisclosureToAgent(context: AppLoadContext, agent: AgentSession, requestId: string | undefined, format: "pdf" | "json" | "zip"): Promise<Response> {
  const view = await loadRequestForAgent(context, agent, requestId);
  if (!view.canDownload) throw notFound();
  const opened = await openReport(context.app, { requestId: view.id, format });
  if (!opened.ok) throw notFound();
  await recordAuditEvent(context.app, { actor: { kind: "agent", id: agent.agent.id }, action: "report.downloaded_by_agent", requestId: view.id, details: { format, reportId: opened.report.id } });
  const type = format === "pdf" ? "application/pdf" : format === "zip" ? "application/zip" : "application/json; charset=utf-8";
  return new Response(createReadableStreamFromReadable(opened.stream), { status: 200, headers: attachmentHeaders(type, opened.report.sizeBytes, `disclosure-${view.id}.${format}`) });
}

function attachmentHeaders(type: string, size: number, fileName: string): Record<string, string> {
  return {
    "Content-Type": type,
    "Content-Length": String(size),
    // Never rendered by the browser: a document that slipped past the type check still cannot run.
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "no-store",
  };
}

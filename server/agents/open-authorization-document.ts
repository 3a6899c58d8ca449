import type { Readable } from "node:stream";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { readAuthorizationFile } from "./authorization-files";
import { findAuthorizationById, findAuthorizationForRequest } from "./authorizations.repository";

/**
 * An authorization document for download, decrypted as it streams. Who may: a staff member
 * reviewing the request (the route checked the permission), the agent who uploaded it, or the
 * consumer the request is about. Anyone
 * else, or a document of another request, gets AppError("not_found"), the same as a made-up id.
 * Staff views are audited (R42); the agent re-reading its own upload is not a disclosure. The
 * consumer the request is about may read it too (issue 17.6: the permission they are asked to
 * confirm); the route has checked their session is for this request, and names no document: they
 * get the one filed with their request. Audited.
 */
export async function openAuthorizationDocument(
  ctx: AppContext,
  input: { requestId: string } & ({ authorizationId: string; viewer: { kind: "staff"; id: string } | { kind: "agent"; id: string } } | { viewer: { kind: "consumer" } }),
): Promise<{ stream: Readable; mimeType: string; sizeBytes: number; fileName: string }> {
  const row = "authorizationId" in input ? await findAuthorizationById(ctx.db, input.authorizationId) : await findAuthorizationForRequest(ctx.db, input.requestId);
  if (!row || row.request_id !== input.requestId) throw new AppError("not_found");
  if (input.viewer.kind === "agent" && row.agent_id !== input.viewer.id) throw new AppError("not_found");
  if (input.viewer.kind === "staff") {
    await recordAuditEvent(ctx, { actor: input.viewer, action: "agent.authorization_viewed", requestId: row.request_id, details: { authorizationId: row.id } });
  }
  if (input.viewer.kind === "consumer") {
    await recordAuditEvent(ctx, { actor: { kind: "consumer", id: null }, action: "agent.authorization_viewed", requestId: row.request_id, details: { authorizationId: row.id, viewer: "consumer" } });
  }
  const extension = row.mime_type === "application/pdf" ? "pdf" : row.mime_type === "image/png" ? "png" : "jpg";
  // The consumer's copy is named for what it is: no id of ours in a file they may pass on.
  const fileName = input.viewer.kind === "consumer" ? `permission-document.${extension}` : `authorization-${row.id}.${extension}`;
  return { stream: readAuthorizationFile(ctx.env, row.storage_key), mimeType: row.mime_type, sizeBytes: row.size_bytes, fileName };
}

import type { Readable } from "node:stream";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { readAuthorizationFile } from "./authorization-files";
import { findAuthorizationById } from "./authorizations.repository";

/**
 * An authorization document for download, decrypted as it streams. Who may: a staff member
 * reviewing the request (the route checked the permission), or the agent who uploaded it. Anyone
 * else, or a document of another request, gets AppError("not_found"), the same as a made-up id.
 * Staff views are audited (R42); the agent re-reading its own upload is not a disclosure.
 */
export async function openAuthorizationDocument(
  ctx: AppContext,
  input: { authorizationId: string; requestId: string; viewer: { kind: "staff"; id: string } | { kind: "agent"; id: string } },
): Promise<{ stream: Readable; mimeType: string; sizeBytes: number; fileName: string }> {
  const row = await findAuthorizationById(ctx.db, input.authorizationId);
  if (!row || row.request_id !== input.requestId) throw new AppError("not_found");
  if (input.viewer.kind === "agent" && row.agent_id !== input.viewer.id) throw new AppError("not_found");
  if (input.viewer.kind === "staff") {
    await recordAuditEvent(ctx, { actor: input.viewer, action: "agent.authorization_viewed", requestId: row.request_id, details: { authorizationId: row.id } });
  }
  const extension = row.mime_type === "application/pdf" ? "pdf" : row.mime_type === "image/png" ? "png" : "jpg";
  return { stream: readAuthorizationFile(ctx.env, row.storage_key), mimeType: row.mime_type, sizeBytes: row.size_bytes, fileName: `authorization-${row.id}.${extension}` };
}

import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import type { DownloadRequester } from "./download-link-row";
import { findDownloadLink, markDownloadLinkUsed, type DownloadLinkRow } from "./download-links.repository";
import { hashDownloadToken, secretsEqual } from "./download-token";
import type { ReportFormat } from "./reports.repository";

export type ResolveDownloadLinkResult =
  | { status: "ok"; link: { id: string; requestId: string; format: ReportFormat | null } }
  /** expired -> re-authenticate page; revoked -> "a newer link was sent"; both offer reissue (X9). */
  | { status: "expired" | "revoked" }
  /** 403 with no detail: the link exists but this visitor is not its requester (X9). */
  | { status: "wrong_requester" }
  /** 404 with no detail: unknown, malformed, or for another format (X10). */
  | { status: "not_found" };

function isBoundTo(row: DownloadLinkRow, requester: DownloadRequester): boolean {
  // Constant time: the bound values are secrets (a session hash) or at least not the visitor's to probe.
  if (requester.kind === "consumer") {
    return row.consumer_session_id !== null && secretsEqual(row.consumer_session_id, requester.sessionId);
  }
  return row.agent_id !== null && secretsEqual(row.agent_id, requester.agentId);
}

/**
 * Decides whether a download link may serve a report to this visitor. The caller has already
 * authenticated the visitor's session (requireConsumerRequest / requireAgent), records an audit
 * event for every outcome, and for "ok" opens the report with open-report.
 *
 * Checks run in this order so a visitor who is not the requester learns nothing about the link's
 * state: not_found, wrong_requester, revoked, expired. Nothing but the status is returned
 * outside "ok": no request id, no dates (X10: no metadata leak).
 */
export async function resolveDownloadLink(
  ctx: AppContext,
  input: { token: string; requester: DownloadRequester; format?: ReportFormat; now: Date },
): Promise<ResolveDownloadLinkResult> {
  const id = hashDownloadToken(input.token);
  if (!id) return { status: "not_found" };
  const row = await findDownloadLink(ctx.db, id);
  // Re-compare in constant time: MySQL's collations compare case- and trailing-space-insensitively.
  if (!row || !secretsEqual(row.id, id)) return { status: "not_found" };
  if (input.format && row.format !== null && row.format !== input.format) return { status: "not_found" };
  if (!isBoundTo(row, input.requester)) return { status: "wrong_requester" };
  if (row.revoked_at) return { status: "revoked" };
  const now = toDbTime(input.now);
  if (row.expires_at <= now) return { status: "expired" };

  await markDownloadLinkUsed(ctx.db, { id: row.id, now });
  return { status: "ok", link: { id: row.id, requestId: row.request_id, format: row.format as ReportFormat | null } };
}

import type { Env } from "../env";
import { toDbTime } from "../lib/clock";
import type { DownloadLinksTable } from "../../db/schema";
import type { ReportFormat } from "./reports.repository";

/** Who a link is bound to: the consumer session (its stored, hashed id) or the authorized agent. */
export type DownloadRequester = { kind: "consumer"; sessionId: string } | { kind: "agent"; agentId: string };

export interface IssueDownloadLinkInput {
  requestId: string;
  /** One format, or null for a link that serves both the PDF and the JSON. */
  format: ReportFormat | null;
  requester: DownloadRequester;
  now: Date;
}

export interface IssuedDownloadLink {
  /** Goes into the URL once (the mail or the status page) and is never stored or logged. */
  token: string;
  id: string;
  expiresAt: string;
}

/**
 * The row of a new link: bound to exactly one requester, valid for DOWNLOAD_LINK_DAYS from `now`
 * (11 CCR 7024(f)-(g)). Shared by issue-download-link and reissue-download-link.
 */
export function buildDownloadLinkRow(env: Pick<Env, "DOWNLOAD_LINK_DAYS">, input: IssueDownloadLinkInput, id: string): DownloadLinksTable {
  return {
    id,
    request_id: input.requestId,
    format: input.format,
    consumer_session_id: input.requester.kind === "consumer" ? input.requester.sessionId : null,
    agent_id: input.requester.kind === "agent" ? input.requester.agentId : null,
    created_at: toDbTime(input.now),
    expires_at: toDbTime(new Date(input.now.getTime() + env.DOWNLOAD_LINK_DAYS * 86_400_000)),
    revoked_at: null,
    last_used_at: null,
  };
}

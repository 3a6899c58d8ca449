import type { AppContext } from "../context";
import { buildDownloadLinkRow, type IssueDownloadLinkInput, type IssuedDownloadLink } from "./download-link-row";
import { insertDownloadLink } from "./download-links.repository";
import { mintDownloadToken } from "./download-token";

/**
 * Issues a download link for a released report, bound to the requester of record and valid for
 * DOWNLOAD_LINK_DAYS (11 CCR 7024(f)-(g): reasonable security when transmitting; R32). The link
 * alone is not enough: resolve-download-link also requires the bound session or agent, so a
 * forwarded link discloses nothing (X9), and its 256-bit token cannot be guessed (X10).
 *
 * @example
 * const { token } = await issueDownloadLink(ctx, { requestId, format: null, requester: { kind: "consumer", sessionId }, now });
 * // mail `${PUBLIC_URL}/requests/${requestId}/download/${token}`; only SHA-256(token) is stored
 */
export async function issueDownloadLink(ctx: AppContext, input: IssueDownloadLinkInput): Promise<IssuedDownloadLink> {
  const { token, id } = mintDownloadToken();
  const row = buildDownloadLinkRow(ctx.env, input, id);
  await insertDownloadLink(ctx.db, row);
  // A prefix of the token's hash correlates log lines without being usable as a link.
  ctx.logger.info({ linkId: id.slice(0, 12), requestId: input.requestId, format: input.format }, "download link issued");
  return { token, id, expiresAt: row.expires_at };
}

import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { buildDownloadLinkRow, type IssueDownloadLinkInput, type IssuedDownloadLink } from "./download-link-row";
import { insertDownloadLink, revokeDownloadLinks } from "./download-links.repository";
import { mintDownloadToken } from "./download-token";

/**
 * Replaces a request's download links with one new link after the requester has verified again
 * (a fresh e-mail code gives a new consumer session; X9: an expired or forwarded link leads to
 * re-authentication, never straight to the report).
 *
 * Every live link of the request is revoked, not only the one presented: we cannot tell which
 * copy leaked, and the requester of record gets a working link anyway (11 CCR 7024(f)).
 * Revoke and issue share one transaction, so a crash never leaves the request with both or neither.
 */
export async function reissueDownloadLink(
  ctx: AppContext,
  input: IssueDownloadLinkInput,
): Promise<IssuedDownloadLink & { revoked: number }> {
  const { token, id } = mintDownloadToken();
  const row = buildDownloadLinkRow(ctx.env, input, id);
  const revoked = await ctx.db.transaction().execute(async (tx) => {
    const count = await revokeDownloadLinks(tx, { requestId: input.requestId, now: toDbTime(input.now) });
    await insertDownloadLink(tx, row);
    return count;
  });
  ctx.logger.info({ linkId: id.slice(0, 12), requestId: input.requestId, revoked }, "download link reissued");
  return { token, id, expiresAt: row.expires_at, revoked };
}

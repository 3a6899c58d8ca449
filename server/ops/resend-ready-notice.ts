import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { revokeDownloadLinks } from "../delivery/download-links.repository";
import { enqueueJob } from "../jobs/enqueue-job";
import { buildMailJob } from "../jobs/job-payloads";
import { findRequestById } from "../requests/requests.repository";

/**
 * "Resend the download link" for a delivered request, e.g. when the consumer calls because the
 * notice was lost or a link was forwarded by mistake. In ONE transaction: every live download link
 * of the request is revoked (X9), the "disclosure ready" notice is queued, and an audit row records
 * both.
 *
 * No new link is minted here: the disclosure is downloaded only inside the requester's own
 * verified session (11 CCR 7024(f); X9, ADR 006), and a token minted for staff could reach nobody.
 * The notice sends the consumer to the request page, where a fresh e-mail code signs them in.
 *
 * The notice is a deliberate repeat: it carries a fresh occurrence id, so the mail module's
 * once-per-notice rule (job key and "mail.sent" audit row) treats it as a new notice, sent once.
 * Throws AppError: not_found; illegal_transition unless the request is delivered.
 */
export async function resendReadyNotice(
  ctx: AppContext,
  input: { requestId: string; staffId: string; now?: Date },
): Promise<{ revoked: number; noticeQueued: boolean }> {
  const now = input.now ?? new Date();
  return runInWriteTransaction(ctx, async (tx) => {
    const row = await findRequestById(tx.db, input.requestId);
    if (!row) throw new AppError("not_found");
    if (row.state !== "delivered") throw new AppError("illegal_transition", { from: row.state });
    const revoked = await revokeDownloadLinks(tx.db, { requestId: row.id, now: toDbTime(now) });
    const { created } = await enqueueJob(tx, buildMailJob("report_ready", row.id, newId()));
    await recordAuditEvent(tx, {
      actor: { kind: "staff", id: input.staffId },
      action: "delivery.notice_resent",
      requestId: row.id,
      details: { revokedLinks: revoked, noticeQueued: created },
      now,
    });
    return { revoked, noticeQueued: created };
  });
}

import type { AppContext } from "../context";
import { purgeReportBytes } from "../delivery/purge-report-bytes";
import { listUnpurgedReportsOf } from "../delivery/reports.repository";
import { subtractMonths } from "../lib/calendar-date";
import { toDbTime } from "../lib/clock";
import { deleteRequestsCompletedBefore, listRequestsCompletedBefore } from "./request-records.repository";

/** 11 CCR 7101(b): request records are kept for at least 24 months. */
export const RECORD_RETENTION_MONTHS = 24;
const BATCH = 200;

/**
 * Retention job: deletes request records completed more than 24 months before `now`, with
 * everything that cascades from them (state history, verification evidence, sessions, agent
 * authorizations, report rows and chunks, download links). The law sets a minimum, not a maximum
 * (7101(b)); past it the business need not keep personal information only to answer future
 * requests (7101(e)), so the records go.
 *
 * - The clock runs from completion (the response), not receipt: the record of the response must
 *   exist for the full 24 months. Requests never completed are never purged here.
 * - Months are calendar months (Feb 29 -> Feb 28), and the cut-off is strict, so a record is
 *   always kept at least the full period (R38).
 * - Report bytes on disk are deleted first, or the cascade would orphan them.
 * - The hash-chained audit trail (audit_events) is not touched: it holds ids and codes only.
 *
 * Idempotent and batched; registered as a periodic job elsewhere.
 */
export async function purgeOldRequestRecords(ctx: AppContext, input: { now: Date }): Promise<{ deleted: number }> {
  const nowText = toDbTime(input.now);
  const cutoff = `${subtractMonths(nowText.slice(0, 10), RECORD_RETENTION_MONTHS)}${nowText.slice(10)}`;
  let deleted = 0;
  for (;;) {
    const ids = await listRequestsCompletedBefore(ctx.db, { cutoff, limit: BATCH });
    if (ids.length === 0) break;
    for (const report of await listUnpurgedReportsOf(ctx.db, ids)) await purgeReportBytes(ctx, report, nowText);
    const count = await deleteRequestsCompletedBefore(ctx.db, { ids, cutoff });
    deleted += count;
    if (ids.length < BATCH) break;
  }
  if (deleted) ctx.logger.info({ deleted, cutoff }, "request records past retention deleted");
  return { deleted };
}

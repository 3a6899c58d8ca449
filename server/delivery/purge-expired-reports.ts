import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { purgeReportBytes } from "./purge-report-bytes";
import { listExpiredReports } from "./reports.repository";
import { sweepOrphanReportFiles } from "./sweep-orphan-report-files";

const BATCH = 100;

export interface PurgeExpiredReportsResult {
  /** Reports whose bytes were deleted in this run. */
  purged: number;
  /** Encrypted files no live report pointed at (interrupted writes, crash leftovers). */
  orphanFiles: number;
}

/**
 * Retention job: once a report's download window has ended (`expires_at < now`), its encrypted
 * bytes are deleted and `purged_at` is set. The `reports` and `requests` rows stay: they are the
 * record of the response, kept for 24 months (11 CCR 7101(b); R38); the disclosure itself is not
 * kept longer than needed (1798.100(a)(3)). A consumer who still wants it asks again or ops
 * re-render it.
 *
 * Idempotent (purged rows are not selected again; removing missing bytes is not an error), so the
 * job runner may retry or overlap runs. Registered as a periodic job elsewhere; `now` is passed in
 * so tests and catch-up runs decide the cut-off.
 */
export async function purgeExpiredReports(ctx: AppContext, input: { now: Date }): Promise<PurgeExpiredReportsResult> {
  const now = toDbTime(input.now);
  let purged = 0;
  for (;;) {
    const batch = await listExpiredReports(ctx.db, { now, limit: BATCH });
    for (const row of batch) await purgeReportBytes(ctx, row, now);
    purged += batch.length;
    if (batch.length < BATCH) break;
  }
  const orphanFiles = await sweepOrphanReportFiles(ctx, { now: input.now });
  if (purged) ctx.logger.info({ purged }, "expired reports purged");
  return { purged, orphanFiles };
}

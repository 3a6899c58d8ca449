import type { AppContext } from "../context";
import { markReportPurged, type ReportRow } from "./reports.repository";
import { selectReportStorage } from "./select-report-storage";

/**
 * Deletes one report's stored bytes and stamps `purged_at`, keeping the row: the row is part of
 * the request record, which is kept for 24 months (11 CCR 7101(b)); the disclosure itself is not
 * (1798.100(a)(3): keep personal information no longer than necessary).
 *
 * Safe to repeat: removing bytes that are already gone is not an error, and a crash between the
 * removal and the stamp is finished by the next run.
 */
export async function purgeReportBytes(ctx: AppContext, row: ReportRow, now: string): Promise<void> {
  const storage = selectReportStorage(ctx.env, row.storage);
  if (storage.kind === "database") {
    await ctx.db.transaction().execute(async (tx) => {
      await storage.remove(tx, row.storage_key);
      await markReportPurged(tx, { id: row.id, now });
    });
    return;
  }
  // A file cannot join a transaction: delete first, so a crash leaves a row still marked for purge.
  await storage.remove(ctx.db, row.storage_key);
  await markReportPurged(ctx.db, { id: row.id, now });
}

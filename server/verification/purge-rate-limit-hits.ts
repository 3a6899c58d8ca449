import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { deleteEndedRateLimitWindows } from "./rate-limits.repository";

/**
 * Deletes rate-limit counters whose window has ended. The rows hold only keyed hashes, times and
 * counts, but they are verification data all the same, and 11 CCR 7060(d) / 1798.130(a)(7) ask
 * us not to keep those longer than needed. Meant for the periodic job schedule (hourly is
 * plenty: one row per active key and window); safe to run from several workers at once.
 */
export async function purgeRateLimitHits(ctx: AppContext, input: { now?: Date } = {}): Promise<number> {
  const deleted = await deleteEndedRateLimitWindows(ctx.db, toDbTime(input.now ?? new Date()));
  if (deleted > 0) ctx.logger.info({ deleted }, "ended rate-limit windows purged");
  return deleted;
}

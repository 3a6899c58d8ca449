import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { EPISODE_FORGET_HOURS, IP_FORGET_MINUTES, IP_LOCK_MINUTES, PAIR_FORGET_HOURS } from "./sign-in-throttle-policy";
import { deleteQuietThrottles } from "./sign-in-throttles.repository";

/** Every count is forgotten, and every block over, this long after its last failure. */
const QUIET_MS = Math.max(PAIR_FORGET_HOURS * 3_600_000, EPISODE_FORGET_HOURS * 3_600_000, (IP_FORGET_MINUTES + IP_LOCK_MINUTES) * 60_000);

/**
 * Deletes failed sign-in counts nothing would read any more (the hourly retention sweep), so the
 * table holds only the last day's failures. Returns how many rows went.
 */
export async function purgeSignInThrottles(ctx: AppContext, input: { now?: Date } = {}): Promise<number> {
  const now = input.now ?? new Date();
  return deleteQuietThrottles(ctx.db, toDbTime(new Date(now.getTime() - QUIET_MS)));
}

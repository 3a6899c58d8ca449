import type { AppContext } from "../context";
import { fromDbTime, toDbTime } from "../lib/clock";
import { signInThrottleBuckets, type SignInOrigin } from "./sign-in-throttle-buckets";
import { findLatestThrottleBlock } from "./sign-in-throttles.repository";

/**
 * Before a sign-in is judged: how many seconds this (address, IP) pair or this IP must still wait,
 * or null when it may try now. The account itself is never consulted: failures from other IPs do
 * not stop its holder (issue 16 item 5, ADR 040).
 */
export async function checkSignInThrottle(ctx: AppContext, input: SignInOrigin & { now: Date }): Promise<{ retryAfterSeconds: number } | null> {
  const buckets = signInThrottleBuckets(ctx.env, input);
  const until = await findLatestThrottleBlock(ctx.db, { buckets: [buckets.pair, buckets.ip], now: toDbTime(input.now) });
  if (!until) return null;
  return { retryAfterSeconds: Math.max(1, Math.ceil((fromDbTime(until).getTime() - input.now.getTime()) / 1000)) };
}

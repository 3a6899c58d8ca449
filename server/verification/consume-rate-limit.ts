import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { keyedHash } from "../sessions/session-secret";
import { countRateLimitHits, returnRateLimitHit, takeRateLimitHit, type RateLimitSlot } from "./rate-limits.repository";

/** At most `max` hits per fixed window of `seconds`, windows aligned to the epoch (whole minutes, hours). */
export interface RateLimitWindow {
  seconds: number;
  max: number;
}

export interface RateLimitRule {
  /** What is limited, e.g. `issue-code:email:${address}`; only a keyed hash of it is stored. */
  key: string;
  windows: readonly RateLimitWindow[];
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt against every window of every rule, or none if any refuses (11 CCR 7060(f):
 * reasonable security against fraudulent verification; R18, X3). The counters live in the
 * database, so the limits hold across every web instance sharing it, which per-process
 * middleware cannot do.
 *
 * Fixed windows with a conditional UPDATE (hits < max) per window: exact under any concurrency,
 * no locks, no deadlocks, and the first of two racing clicks wins. A refused attempt gives back
 * what it took, so pressing "resend" too early does not burn the hourly allowance. The price of
 * fixed windows: up to 2 x max across a window boundary, which the longer windows still cap.
 *
 * Keys are stored as HMAC-SHA256 under a key derived from SESSION_SECRET, not a plain SHA-256: an
 * e-mail address is guessable, and a leaked table must not confirm who asked for codes (X25).
 *
 * @example
 * const r = await consumeRateLimit(ctx, { rules: [{ key: `issue-code:request:${id}`, windows: [{ seconds: 60, max: 1 }] }] });
 * if (!r.allowed) return { status: "throttled", retryAfterSeconds: r.retryAfterSeconds };
 */
export async function consumeRateLimit(ctx: AppContext, input: { rules: readonly RateLimitRule[]; now?: Date }): Promise<RateLimitResult> {
  const now = (input.now ?? new Date()).getTime();
  const slots = input.rules.flatMap((rule) => {
    const bucket = keyedHash(ctx.env, "rate-limit-bucket", rule.key);
    return rule.windows.map((window) => {
      const start = Math.floor(now / (window.seconds * 1000)) * window.seconds * 1000;
      const slot: RateLimitSlot = {
        bucket,
        windowSeconds: window.seconds,
        windowStart: toDbTime(new Date(start)),
        windowEnd: toDbTime(new Date(start + window.seconds * 1000)),
      };
      return { slot, max: window.max, end: start + window.seconds * 1000 };
    });
  });

  const taken: RateLimitSlot[] = [];
  for (const { slot, max } of slots) {
    if (!(await takeRateLimitHit(ctx.db, slot, max))) break;
    taken.push(slot);
  }
  if (taken.length === slots.length) return { allowed: true };

  for (const slot of taken) await returnRateLimitHit(ctx.db, slot);
  // Wait for the LAST full window to end, so the answer is not "retry in 40 s" when the hour is spent.
  let waitMs = 1000;
  for (const { slot, max, end } of slots) {
    if ((await countRateLimitHits(ctx.db, slot)) >= max) waitMs = Math.max(waitMs, end - now);
  }
  return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
}

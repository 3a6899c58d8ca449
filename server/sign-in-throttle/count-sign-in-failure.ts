import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { signInEpisodeBucket, signInThrottleBuckets, type SignInOrigin } from "./sign-in-throttle-buckets";
import {
  EPISODE_FORGET_HOURS,
  IP_FORGET_MINUTES,
  IP_LOCK_FAILURES,
  IP_LOCK_MINUTES,
  PAIR_FORGET_HOURS,
  PAIR_FREE_FAILURES,
  pairDelaySeconds,
  RELAXED_IP_FACTOR,
} from "./sign-in-throttle-policy";
import { blockThrottleBucket, countThrottleFailure } from "./sign-in-throttles.repository";

export interface SignInFailureCount {
  /** How long this origin must now wait before its next try; null when it may try at once. */
  retryAfterSeconds: number | null;
  /** The account holder should be told (first throttle of an episode): send after commit. */
  alertHolder: boolean;
}

const ago = (now: Date, ms: number) => toDbTime(new Date(now.getTime() - ms));

/**
 * Counts one refused sign-in (ADR 040), inside the caller's transaction:
 * - `credentials` (a wrong password or code, or an unknown address) counts for the pair and the IP;
 *   `waiting` (tried while told to wait) counts for the IP only, so hammering locks the IP.
 * - The pair's PAIR_FREE_FAILURES-th failure starts its growing delay: audited
 *   `sign_in.throttle_started` for a real account, and the holder is alerted once per episode.
 * - The IP's IP_LOCK_FAILURES-th failure locks it: audited `sign_in.ip_locked` (system actor; the
 *   detail is a prefix of the IP's keyed hash, never the IP).
 */
export async function countSignInFailure(
  ctx: AppContext,
  input: SignInOrigin & { accountId: string | null; counts: "credentials" | "waiting"; now: Date },
): Promise<SignInFailureCount> {
  const now = toDbTime(input.now);
  const buckets = signInThrottleBuckets(ctx.env, input);
  let retryAfterSeconds: number | null = null;
  let alertHolder = false;

  if (input.counts === "credentials") {
    const failures = await countThrottleFailure(ctx.db, { bucket: buckets.pair, scope: "pair", now, forgetBefore: ago(input.now, PAIR_FORGET_HOURS * 3_600_000) });
    const delay = pairDelaySeconds(failures);
    if (delay > 0) {
      await blockThrottleBucket(ctx.db, { bucket: buckets.pair, until: toDbTime(new Date(input.now.getTime() + delay * 1000)) });
      retryAfterSeconds = delay;
    }
    if (failures === PAIR_FREE_FAILURES && input.accountId) {
      const actor = { kind: input.kind, id: input.accountId };
      await recordAuditEvent(ctx, { actor, action: "sign_in.throttle_started", details: { failures, waitSeconds: delay }, now: input.now });
      const episode = await countThrottleFailure(ctx.db, {
        bucket: signInEpisodeBucket(ctx.env, { kind: input.kind, id: input.accountId }),
        scope: "episode",
        now,
        forgetBefore: ago(input.now, EPISODE_FORGET_HOURS * 3_600_000),
      });
      alertHolder = episode === 1;
    }
  }

  const lockAt = IP_LOCK_FAILURES * (ctx.env.RATE_LIMITS === "relaxed" ? RELAXED_IP_FACTOR : 1);
  const ipFailures = await countThrottleFailure(ctx.db, { bucket: buckets.ip, scope: "ip", now, forgetBefore: ago(input.now, IP_FORGET_MINUTES * 60_000) });
  if (ipFailures >= lockAt) {
    // Every further failure while locked pushes the end back: the lock lasts as long as the attack.
    await blockThrottleBucket(ctx.db, { bucket: buckets.ip, until: toDbTime(new Date(input.now.getTime() + IP_LOCK_MINUTES * 60_000)) });
    retryAfterSeconds = IP_LOCK_MINUTES * 60;
    if (ipFailures === lockAt) {
      await recordAuditEvent(ctx, { actor: SYSTEM_ACTOR, action: "sign_in.ip_locked", details: { failures: ipFailures, minutes: IP_LOCK_MINUTES, ipKey: buckets.ip.slice(0, 16) }, now: input.now });
      ctx.logger.warn({ ipKey: buckets.ip.slice(0, 16) }, "sign-in locked for an IP after repeated failures");
    }
  }
  return { retryAfterSeconds, alertHolder };
}

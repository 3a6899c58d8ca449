import type { AppContext } from "../context";
import { signInEpisodeBucket, signInThrottleBuckets, type SignInOrigin } from "./sign-in-throttle-buckets";
import { deleteThrottleBuckets } from "./sign-in-throttles.repository";

/**
 * A sign-in passed every factor: its pair starts again from zero and the holder's alert episode
 * ends (the next throttle mails again). The IP's count stays: one good account must not launder an
 * IP that is guessing at others.
 */
export async function clearSignInThrottle(ctx: AppContext, input: SignInOrigin & { accountId: string }): Promise<void> {
  const { pair } = signInThrottleBuckets(ctx.env, input);
  await deleteThrottleBuckets(ctx.db, [pair, signInEpisodeBucket(ctx.env, { kind: input.kind, id: input.accountId })]);
}

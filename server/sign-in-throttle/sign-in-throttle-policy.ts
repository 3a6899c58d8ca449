/**
 * Failed sign-in limits for staff and agent accounts, in one place (issue 16 item 5, ADR 040,
 * docs/security.md). No failure ever locks an account for everyone: an outsider who knows a
 * reviewer's address must not be able to keep the team out through a legal deadline (45 days,
 * R12). Instead (OWASP ASVS 4.0 V2.2.1, soft lockout and rate limiting):
 *
 * - per (address, IP) pair: the first PAIR_FREE_FAILURES wrong passwords or codes cost nothing;
 *   from then on each further try from that pair must wait a delay that doubles from
 *   PAIR_FIRST_DELAY_SECONDS up to PAIR_MAX_DELAY_SECONDS. Forgotten after PAIR_FORGET_HOURS
 *   without a failure, or at once when the pair signs in.
 * - per IP: IP_LOCK_FAILURES failures (any addresses, known or not, including tries refused while
 *   waiting) with no quiet hour between them lock that IP out of sign-in for IP_LOCK_MINUTES.
 * - the account holder gets one mail per episode: when a pair first starts waiting, unless another
 *   pair already did within EPISODE_FORGET_HOURS and the holder has not signed in since.
 */
export const PAIR_FREE_FAILURES = 5;
export const PAIR_FIRST_DELAY_SECONDS = 60;
export const PAIR_MAX_DELAY_SECONDS = 15 * 60;
export const PAIR_FORGET_HOURS = 24;
export const IP_LOCK_FAILURES = 30;
export const IP_LOCK_MINUTES = 60;
export const IP_FORGET_MINUTES = 60;
export const EPISODE_FORGET_HOURS = 24;
/** Automated suites (RATE_LIMITS=relaxed) share one loopback IP across hundreds of sign-ins. */
export const RELAXED_IP_FACTOR = 1000;

export type SignInAccountKind = "staff" | "agent";

/**
 * Seconds a pair must wait after its `failures`-th failure: 0 below the threshold, then 60, 120,
 * 240, 480, 900, 900, …
 *
 * @example pairDelaySeconds(4) // 0
 * @example pairDelaySeconds(5) // 60
 * @example pairDelaySeconds(9) // 900
 */
export function pairDelaySeconds(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0;
  const doublings = Math.min(failures - PAIR_FREE_FAILURES, 20);
  return Math.min(PAIR_FIRST_DELAY_SECONDS * 2 ** doublings, PAIR_MAX_DELAY_SECONDS);
}

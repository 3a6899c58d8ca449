const DEFAULT_BASE_MS = 30_000;
/** No retry waits longer than 6 hours: a request's 45-day clock keeps running (7021(b)). */
const MAX_DELAY_MS = 6 * 3600_000;

/**
 * Delay before the next run after the `attempts`-th run failed: base * 2^(attempts-1), capped,
 * then "equal jitter" (a random point in the upper half), so jobs that failed together (an SMTP
 * outage) do not all retry in the same second.
 *
 * @example computeBackoffMs({ attempts: 3, baseMs: 1000, random: () => 0 }) // 2000 (half of 4000)
 */
export function computeBackoffMs({
  attempts,
  baseMs = DEFAULT_BASE_MS,
  random = Math.random,
}: {
  attempts: number;
  baseMs?: number;
  random?: () => number;
}): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  const ceiling = Math.min(baseMs * 2 ** exponent, MAX_DELAY_MS);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

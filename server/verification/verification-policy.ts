import type { RateLimitRule } from "./consume-rate-limit";

/**
 * Every verification limit in one place (R11: a documented, reasonable method, 11 CCR 7060(a);
 * R18: single-use, short-lived codes with lockout and rate limits, 7060(f)). Changing a value here
 * changes the method: bump VERIFICATION_RULES_VERSION so each case keeps the version it used.
 * Rationale and numbers: docs/decisions/009-identity-verification.md.
 */
export const VERIFICATION_RULES_VERSION = "2026-11-29.1";

/** R18 asks for <= 15 minutes; 10 leaves time to switch to the mail app and back. */
export const EMAIL_CODE_TTL_SECONDS = 10 * 60;

/** Wrong tries per code before it is dead: 5 tries x 5 codes an hour = 25 guesses in 10^6 per hour. */
export const MAX_CODE_ATTEMPTS = 5;

export const EMAIL_CODE_KIND = "email_otp";

/**
 * Code sending. Per request: one a minute, five an hour (bounds guessing, above). Per address,
 * across requests: one a minute, ten an hour, so nobody can use many requests to flood someone's
 * inbox; `email` is passed only when a code is really mailed to it. Per client IP (when the route passes it): thirty an hour, against one machine cycling
 * through addresses (X3). The per-IP Express tier in server/http/rate-limits.ts comes on top.
 */
export function issueCodeRules(input: { requestId: string; email?: string; clientIp?: string }): RateLimitRule[] {
  const rules: RateLimitRule[] = [
    { key: `issue-code:request:${input.requestId}`, windows: [{ seconds: 60, max: 1 }, { seconds: 3600, max: 5 }] },
  ];
  if (input.email) rules.push({ key: `issue-code:email:${input.email}`, windows: [{ seconds: 60, max: 1 }, { seconds: 3600, max: 10 }] });
  if (input.clientIp) rules.push({ key: `issue-code:ip:${input.clientIp}`, windows: [{ seconds: 3600, max: 30 }] });
  return rules;
}

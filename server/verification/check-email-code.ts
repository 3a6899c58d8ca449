import { z } from "zod";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { buildMailJob, REQUEST_NOTICES } from "../jobs/job-payloads";
import { enqueueJob } from "../jobs/enqueue-job";
import { AppError } from "../lib/errors";
import { emailCodeMatches } from "./email-code-hash";
import {
  consumeChallenge,
  findChallenge,
  findLatestChallenge,
  takeChallengeAttempt,
  type VerificationChallengeRow,
} from "./verification-challenges.repository";
import { EMAIL_CODE_KIND, MAX_CODE_ATTEMPTS } from "./verification-policy";

const CheckEmailCodeInputSchema = z.object({
  requestId: z.string().regex(/^[0-9a-z]{26}$/),
  code: z.string().max(32),
  bindTo: z.string().max(128).optional(),
  now: z.date().optional(),
});
export type CheckEmailCodeInput = z.input<typeof CheckEmailCodeInputSchema>;

export type CheckEmailCodeResult =
  | { status: "ok" }
  | { status: "wrong"; triesLeft: number }
  /** Past its 10 minutes, or superseded by a newer code. */
  | { status: "expired" }
  /** Already used once (X8: replay). */
  | { status: "used" }
  /** Too many wrong tries: this code is dead, even when right; ask for a new one. */
  | { status: "locked" }
  /** No code was ever sent for this request (or the request does not exist). */
  | { status: "none" };

/**
 * Checks a typed code against the request's latest code (11 CCR 7060(f); R18; X8). One try is
 * taken BEFORE comparing, by a conditional UPDATE (attempts < 5), so parallel guesses on any
 * number of instances can never get a sixth try; the right code on the fifth try still works.
 * The comparison is constant-time, and "ok" consumes the code, so it opens one session only.
 *
 * Results only describe the requester's own code, never the person: a request that does not
 * exist and one that has no code yet both give "none" (X10).
 */
export async function checkEmailCode(ctx: AppContext, rawInput: CheckEmailCodeInput): Promise<CheckEmailCodeResult> {
  const parsed = CheckEmailCodeInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new AppError("validation", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
  const input = parsed.data;
  const now = toDbTime(input.now ?? new Date());

  const challenge = await findLatestChallenge(ctx.db, { requestId: input.requestId, kind: EMAIL_CODE_KIND });
  if (!challenge) return { status: "none" };
  const unusable = classifyUnusable(challenge, now);
  if (unusable) return unusable;

  if (!(await takeChallengeAttempt(ctx.db, { id: challenge.id, maxAttempts: MAX_CODE_ATTEMPTS, now }))) {
    // Someone else took the last try, used the code, or time ran out between read and update.
    const current = await findChallenge(ctx.db, challenge.id);
    return (current && classifyUnusable(current, now)) ?? { status: "locked" };
  }

  if (emailCodeMatches(ctx.env, challenge.code_hash, { requestId: input.requestId, bindTo: input.bindTo, code: input.code })) {
    if (!(await consumeChallenge(ctx.db, { id: challenge.id, now }))) return { status: "used" };
    ctx.logger.info({ requestId: input.requestId, challengeId: challenge.id }, "verification code accepted");
    // The address is proven now: the receipt a web request held back goes out (R7; once per
    // request by its idempotency key, so later codes and agent requests queue nothing new).
    await enqueueJob(ctx, buildMailJob(REQUEST_NOTICES.confirmation, input.requestId));
    return { status: "ok" };
  }

  const after = await findChallenge(ctx.db, challenge.id);
  const triesLeft = Math.max(0, MAX_CODE_ATTEMPTS - (after?.attempts ?? MAX_CODE_ATTEMPTS));
  ctx.logger.info({ requestId: input.requestId, challengeId: challenge.id, triesLeft }, "verification code wrong");
  return { status: "wrong", triesLeft };
}

function classifyUnusable(challenge: VerificationChallengeRow, now: string): CheckEmailCodeResult | null {
  if (challenge.consumed_at !== null) return { status: "used" };
  if (challenge.attempts >= MAX_CODE_ATTEMPTS) return { status: "locked" };
  if (challenge.expires_at <= now) return { status: "expired" };
  return null;
}

import { emailAddress } from "../lib/email-address";
import { z } from "zod";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError, errorCode } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { createMailTransport } from "../mail/create-mail-transport";
import { renderMail } from "../mail/mail-templates";
import { consumeRateLimit } from "./consume-rate-limit";
import { generateEmailCode, hashEmailCode } from "./email-code-hash";
import { expireOpenChallenges, findRequestEmail, insertVerificationChallenge } from "./verification-challenges.repository";
import { EMAIL_CODE_KIND, EMAIL_CODE_TTL_SECONDS, issueCodeRules } from "./verification-policy";

const IssueEmailCodeInputSchema = z.object({
  requestId: z.string().regex(/^[0-9a-z]{26}$/),
  email: emailAddress(),
  language: z.string().max(8),
  /** Opaque per-browser value; the code then works only where it was asked for (X8). */
  bindTo: z.string().min(16).max(128).optional(),
  clientIp: z.string().max(64).optional(),
  /** Shown in the subject line; defaults to MAIL_FROM's display name. */
  businessName: z.string().min(1).max(200).optional(),
  now: z.date().optional(),
});
export type IssueEmailCodeInput = z.input<typeof IssueEmailCodeInputSchema>;

export type IssueEmailCodeResult =
  | { status: "sent"; expiresAt: string }
  | { status: "throttled"; retryAfterSeconds: number }
  /** The mail server refused or was unreachable; nothing usable was left behind. */
  | { status: "failed" };

/**
 * Sends a one-time code for a request to the request's own e-mail address (11 CCR 7060(f),
 * 7062(b): the e-mail we can reach is the first data point; R18). The code is stored only as a
 * keyed hash, lives 10 minutes, works once, and a new code ends the earlier ones.
 *
 * The mail goes out here, directly, not through the job queue: a job payload is stored in clear,
 * and the plaintext code must never be stored anywhere.
 *
 * An address that is not the request's gets the same "sent" answer and no mail, so the form is no
 * oracle for which address a request belongs to (X3, X25); the per-request and per-IP limits
 * throttle such probing like everything else. Malformed input throws AppError("validation").
 */
export async function issueEmailCode(ctx: AppContext, rawInput: IssueEmailCodeInput): Promise<IssueEmailCodeResult> {
  const parsed = IssueEmailCodeInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new AppError("validation", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
  const input = parsed.data;
  const now = input.now ?? new Date();
  const expiresAt = toDbTime(new Date(now.getTime() + EMAIL_CODE_TTL_SECONDS * 1000));

  const request = await findRequestEmail(ctx.db, input.requestId);
  const isRequestAddress = request !== undefined && request.subject_email.trim().toLowerCase() === input.email;
  // The per-address limit is charged only when mail really goes to that address: otherwise anyone
  // could use up a stranger's allowance by naming their address with a made-up request id.
  const rules = issueCodeRules({ requestId: input.requestId, email: isRequestAddress ? input.email : undefined, clientIp: input.clientIp });
  const limit = await consumeRateLimit(ctx, { rules, now });
  if (!limit.allowed) {
    ctx.logger.warn({ requestId: input.requestId, retryAfterSeconds: limit.retryAfterSeconds }, "verification code throttled");
    return { status: "throttled", retryAfterSeconds: limit.retryAfterSeconds };
  }
  if (!request || !isRequestAddress) {
    // Repeated, this is the enumeration pattern of X3; the request id is not personal data.
    ctx.logger.warn({ requestId: input.requestId }, "verification code not sent: address is not the request's");
    return { status: "sent", expiresAt };
  }

  const code = generateEmailCode();
  const challengeId = newId();
  await runInWriteTransaction(ctx, async (tx) => {
    await expireOpenChallenges(tx.db, { requestId: input.requestId, kind: EMAIL_CODE_KIND, now: toDbTime(now) });
    await insertVerificationChallenge(tx.db, {
      id: challengeId,
      request_id: input.requestId,
      kind: EMAIL_CODE_KIND,
      code_hash: hashEmailCode(ctx.env, { requestId: input.requestId, bindTo: input.bindTo, code }),
      expires_at: expiresAt,
      attempts: 0,
      consumed_at: null,
      created_at: toDbTime(now),
    });
  });

  const mail = renderMail("verification_code", input.language, {
    name: "",
    requestId: input.requestId,
    receiptDate: "",
    dueDate: "",
    statusUrl: `${ctx.env.PUBLIC_URL}/requests/${input.requestId}`,
    businessName: input.businessName ?? displayName(ctx.env.MAIL_FROM),
    privacyPolicyUrl: "",
    code,
  });
  const transport = createMailTransport(ctx.env);
  try {
    await transport.send({ to: request.subject_email, ...mail });
  } catch (error) {
    // Expire the undelivered code so it can never be used; the log carries the code of the error only.
    await expireOpenChallenges(ctx.db, { requestId: input.requestId, kind: EMAIL_CODE_KIND, now: toDbTime(now) });
    ctx.logger.error({ requestId: input.requestId, challengeId, error: errorCode(error) }, "verification code mail failed");
    return { status: "failed" };
  } finally {
    transport.close();
  }
  ctx.logger.info({ requestId: input.requestId, challengeId }, "verification code sent");
  return { status: "sent", expiresAt };
}

function displayName(from: string): string {
  const name = from.replace(/<[^>]*>/, "").replace(/"/g, "").trim();
  return name || "Privacy";
}

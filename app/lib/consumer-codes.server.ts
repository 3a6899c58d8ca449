import type { AppLoadContext } from "@remix-run/node";
import { getBusinessProfile } from "../../server/business/get-business-profile";
import { findRequestById } from "../../server/requests/requests.repository";
import { checkEmailCode, type CheckEmailCodeResult } from "../../server/verification/check-email-code";
import { completeVerification } from "../../server/verification/complete-verification";
import { issueEmailCode } from "../../server/verification/issue-email-code";
import { commitConsumerSession } from "./consumer-session.server";
import { clearPendingCode, commitPendingCode, newCodeBinding, type PendingCode } from "./consumer-pending.server";

/** Requests still waiting for their data points: a code opens the confirm step, not the status page. */
const UNVERIFIED_STATES = ["received", "awaiting_verification"];
/** Stands in for the address of a request that does not exist: same limits, same answer, no mail (X10). */
const NOBODY = "nobody@example.invalid";

/**
 * The per-IP code limit (30 an hour) is for real clients; under RATE_LIMITS=relaxed (automated
 * test runs from one address) only the per-request and per-address limits apply.
 */
function clientIpOf(context: AppLoadContext): string | undefined {
  return context.app.env.RATE_LIMITS === "relaxed" ? undefined : context.clientIp;
}

/**
 * Sends a code for `requestId` to the request's OWN e-mail address (never one the visitor types)
 * and returns the pending-step cookie for this browser. The answer is the same whether or not
 * the request exists, so the sign-in form reveals nothing (X10, X25).
 */
export async function sendRequestCode(
  context: AppLoadContext,
  input: { requestId: string; uiLanguage: string; bind?: string; now?: Date },
): Promise<{ pending: PendingCode; setCookie: string }> {
  const ctx = context.app;
  const now = input.now ?? new Date();
  const request = await findRequestById(ctx.db, input.requestId);
  const bind = input.bind ?? newCodeBinding();
  const result = await issueEmailCode(ctx, {
    requestId: input.requestId,
    email: request?.subject_email ?? NOBODY,
    // The mail follows the language chosen on the request; the page follows the visitor's choice.
    language: request?.language ?? input.uiLanguage,
    bindTo: bind,
    clientIp: clientIpOf(context),
    businessName: (await getBusinessProfile(ctx)).name,
    now,
  });
  const pending: PendingCode = {
    requestId: input.requestId,
    bind,
    notice: result.status,
    // One code a minute per request, in windows aligned to the clock minute (verification-policy.ts).
    waitUntil: result.status === "throttled" ? now.getTime() + result.retryAfterSeconds * 1000 : result.status === "sent" ? Math.ceil((now.getTime() + 1) / 60_000) * 60_000 : 0,
  };
  return { pending, setCookie: await commitPendingCode(context, pending) };
}

export type CodeCheckResult = Exclude<CheckEmailCodeResult, { status: "ok" }> | { status: "format" } | { status: "ok"; redirectTo: string; headers: Headers };

/**
 * Checks a typed code for the pending request (11 CCR 7060(f); R18; X8). On success the browser
 * gets a consumer session for that request and leaves the code step: to the data-point step when
 * the request still needs it, else to the status page (a returning consumer signing in again).
 */
export async function checkRequestCode(context: AppLoadContext, pending: PendingCode, typed: string, now?: Date): Promise<CodeCheckResult> {
  const code = typed.replace(/[\s-]/g, "");
  if (!/^\d{6}$/.test(code)) return { status: "format" };
  const result = await checkEmailCode(context.app, { requestId: pending.requestId, code, bindTo: pending.bind, now });
  if (result.status !== "ok") return result.status === "wrong" && result.triesLeft === 0 ? { status: "locked" } : result;

  const request = await findRequestById(context.app.db, pending.requestId);
  const headers = new Headers();
  headers.append("Set-Cookie", await commitConsumerSession(context, { requestId: pending.requestId }));
  headers.append("Set-Cookie", await clearPendingCode(context));
  let needsDataPoints = request !== undefined && UNVERIFIED_STATES.includes(request.state);
  if (needsDataPoints && request?.california_resident === 0 && context.app.env.RESIDENCY_POLICY === "decline") {
    // R1 under a decline policy: no data point could change the answer, so the requester is not
    // asked for any; the status page shows M-NOT-CONSUMER and the reason.
    await completeVerification(context.app, { requestId: pending.requestId, emailVerified: true, now });
    needsDataPoints = false;
  }
  return { status: "ok", redirectTo: `/requests/${pending.requestId}${needsDataPoints ? "/confirm" : ""}`, headers };
}

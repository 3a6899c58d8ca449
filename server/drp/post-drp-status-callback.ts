import type { AppContext } from "../context";
import type { DrpStatusCallbackPayload } from "../jobs/job-payloads";
import type { JobRunContext } from "../jobs/job-types";
import { assertPublicCallbackHost } from "./check-callback-host";
import { findDrpRequest } from "./drp-requests.repository";

const CALLBACK_TIMEOUT_MS = 10_000;

/**
 * POSTs one status to the agent's status_callback (DRP 1.0 §2.03), unless a newer one superseded
 * it (then nothing is sent and the job is done). Any answer but 2xx, a timeout
 * or a network error throws, and the job queue retries with backoff (registry.ts bounds it).
 * Redirects are not followed: the agent registered this URL, not wherever it points; in production
 * the host must resolve to public addresses only (SSRF). The error
 * carries a code only (HTTP_503, ECONNREFUSED), never the URL or the agent's answer.
 */
export async function postDrpStatusCallback(ctx: AppContext, payload: DrpStatusCallbackPayload, run: Pick<JobRunContext, "signal">): Promise<void> {
  const drp = await findDrpRequest(ctx.db, payload.requestId);
  if (!drp?.status_callback) return;
  // A newer status was queued since this one (issue 16 item 7): this retry must never reach the
  // agent after it, so it is dropped; the newer job carries what the agent needs. (A POST already
  // on the wire when the newer change commits can still arrive second; GET gives the truth.)
  if (drp.callback_change_id !== null && drp.callback_change_id !== payload.changeId) {
    ctx.logger.info({ requestId: payload.requestId, status: payload.status.status }, "DRP status callback superseded, not sent");
    return;
  }
  let response: Response;
  try {
    if (ctx.env.isProduction) await assertPublicCallbackHost(drp.status_callback);
    response = await fetch(drp.status_callback, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload.status),
      redirect: "manual",
      signal: AbortSignal.any([run.signal, AbortSignal.timeout(CALLBACK_TIMEOUT_MS)]),
    });
  } catch (error) {
    const own = (error as { code?: unknown }).code;
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof own === "string" ? own : typeof cause?.code === "string" ? cause.code : (error as Error).name === "TimeoutError" ? "ETIMEDOUT" : "EFETCH";
    throw Object.assign(new Error("status callback failed"), { code });
  }
  await response.body?.cancel();
  if (response.status < 200 || response.status > 299) throw Object.assign(new Error("status callback refused"), { code: `HTTP_${response.status}` });
  ctx.logger.info({ requestId: payload.requestId, status: payload.status.status }, "DRP status callback delivered");
}

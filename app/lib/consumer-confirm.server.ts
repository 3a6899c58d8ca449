import type { AppLoadContext } from "@remix-run/node";
import { describeAgentFiling } from "../../server/agents/describe-agent-filing";
import { findRequestById } from "../../server/requests/requests.repository";
import { completeVerification, type CompleteVerificationResult } from "../../server/verification/complete-verification";

export type ConfirmFieldError = "signatureName" | "signatureAccepted";

export type ConfirmOutcome =
  | { ok: false; errors: ConfirmFieldError[]; values: { signatureName: string; signatureAccepted: boolean } }
  | { ok: true; result: CompleteVerificationResult };

/**
 * The data-point step of a web request (11 CCR 7062). The caller has passed
 * requireConsumerRequest, so the e-mail code was accepted in this browser. A specific-pieces
 * request must carry the signed declaration (7062(c)): typed name and the box ticked, each
 * named when missing; categories need none.
 */
export async function confirmConsumerIdentity(context: AppLoadContext, requestId: string, form: FormData, now = new Date()): Promise<ConfirmOutcome> {
  const request = await findRequestById(context.app.db, requestId);
  if (!request) throw new Response("Not found", { status: 404 });
  const signatureName = String(form.get("signatureName") ?? "").trim().slice(0, 200);
  const signatureAccepted = form.get("signatureAccepted") === "yes";
  let declaration;
  if (request.type === "specific") {
    const errors: ConfirmFieldError[] = [];
    if (!signatureName) errors.push("signatureName");
    if (!signatureAccepted) errors.push("signatureAccepted");
    if (errors.length > 0) return { ok: false, errors, values: { signatureName, signatureAccepted } };
    declaration = { typedName: signatureName, accepted: true as const, signedAt: now, ip: context.clientIp ?? null };
  }
  const result = await completeVerification(context.app, { requestId, emailVerified: true, declaration, now });
  return { ok: true, result };
}

/**
 * Whether the request waits for the data-point step now (otherwise the confirm page sends the
 * visitor to the status page, which says why). Not while the consumer has yet to answer "did you
 * authorize this agent?": that answer comes first (11 CCR 7063(a)(2); ADR 019).
 */
export async function needsConfirmation(context: AppLoadContext, requestId: string): Promise<boolean> {
  const request = await findRequestById(context.app.db, requestId);
  if (request === undefined || (request.state !== "received" && request.state !== "awaiting_verification")) return false;
  return !(await describeAgentFiling(context.app, request))?.confirmationPending;
}

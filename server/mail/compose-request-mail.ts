import { describeAgentFiling } from "../agents/describe-agent-filing";
import { getBusinessProfile } from "../business/get-business-profile";
import type { AppContext } from "../context";
import { listRequestEvents } from "../requests/request-events.repository";
import type { RequestRow } from "../../db/schema";
import { hasConsumedChallenge } from "../verification/verification-challenges.repository";
import { EMAIL_CODE_KIND } from "../verification/verification-policy";
import { naturalNameOrder } from "../lib/natural-name-order";
import { denialReasonText, type ReasonText } from "./denial-reason-text";
import { renderMail, type MailLanguage, type MailTemplateName } from "./mail-templates";

/**
 * The subject and text of one lifecycle notice about a request, exactly as the consumer will read
 * it: used to send it (send-templated-mail.ts) and to show it to a reviewer before a denial is
 * sent (preview-denial-notice.ts). `denial` stands in for the denial not yet recorded.
 */
export async function composeRequestMail(
  ctx: AppContext,
  request: RequestRow,
  template: MailTemplateName,
  denial?: { code: string; reason: string },
): Promise<{ subject: string; text: string }> {
  const language: MailLanguage = request.language === "es" ? "es" : "en";
  const business = await getBusinessProfile(ctx);
  let reason: ReasonText | undefined;
  // An extension reason is always a reviewer's own words: quoted (issue 17.4).
  if (template === "request_extended" && request.extension_reason) reason = { quote: request.extension_reason };
  if (template === "request_denied") {
    const recorded = denial ? null : (await listRequestEvents(ctx.db, request.id)).findLast((e) => e.to_state === "denied");
    reason = denialReasonText(denial?.code ?? request.denial_reason, language, denial?.reason ?? recorded?.reason);
  }
  // The receipt of an agent's request names the agent and the consumer's first step (ADR 019).
  const agent = template === "request_received" ? await describeAgentFiling(ctx, request) : null;
  // A web request whose address never proved itself gets its notices without the form's text:
  // the name is left out rather than printed for whoever typed it (issue 16 item 2).
  const proven = request.channel !== "web" || (await hasConsumedChallenge(ctx.db, { requestId: request.id, kind: EMAIL_CODE_KIND }));
  return renderMail(template, language, {
    // "Hello Olivia Bennett", also when the agent sent "Bennett, Olivia" (DRP reference agent).
    name: proven ? naturalNameOrder(request.subject_name) : "",
    requestId: request.id,
    receiptDate: request.receipt_date,
    dueDate: request.extended_due_date ?? request.due_date,
    newDueDate: request.extended_due_date ?? undefined,
    statusUrl: `${ctx.env.PUBLIC_URL}/requests/${request.id}`,
    businessName: business.name,
    privacyPolicyUrl: business.privacyPolicyUrl,
    reason: reason?.because,
    reasonQuote: reason?.quote,
    agentName: agent?.agentName,
    agentAuthority: agent?.authorizationKind,
  });
}

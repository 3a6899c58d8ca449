import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import { REQUEST_NOTICES } from "../jobs/job-payloads";
import { composeRequestMail } from "../mail/compose-request-mail";
import { findRequestById } from "../requests/requests.repository";
import type { OpsDenialReason } from "./deny-request";

/**
 * The notice a denial would send, shown to the reviewer before they confirm it (issue 17.4): the
 * same template, language and wording the mail job will use, so what they approve is what the
 * consumer reads.
 */
export async function previewDenialNotice(ctx: AppContext, input: { requestId: string; denialReason: OpsDenialReason; reason: string }): Promise<{ subject: string; text: string; language: string }> {
  const request = await findRequestById(ctx.db, input.requestId);
  if (!request) throw new AppError("not_found");
  const template = input.denialReason === "unverifiable" ? REQUEST_NOTICES.unverifiable : "request_denied";
  const mail = await composeRequestMail(ctx, request, template, { code: input.denialReason, reason: input.reason });
  return { ...mail, language: request.language };
}

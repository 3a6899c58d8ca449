import { listAuditEventsForRequest } from "../audit/audit-events.repository";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { AppError } from "../lib/errors";
import type { SendMailPayload } from "../jobs/job-payloads";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { findRequestById } from "../requests/requests.repository";
import { createMailTransport, type MailTransport } from "./create-mail-transport";
import { composeRequestMail } from "./compose-request-mail";
import { MAIL_TEMPLATES, type MailTemplateName } from "./mail-templates";

// One transport per settings object: a worker sends many mails over one SMTP pool.
const transports = new WeakMap<object, MailTransport>();

function isTemplate(name: string): name is MailTemplateName {
  return Object.hasOwn(MAIL_TEMPLATES, name) && name !== "verification_code";
}

/**
 * Sends one lifecycle notice about a request (the send_mail job). At most once per (template,
 * request): a "mail.sent" audit event is checked before and recorded after sending, so a retried
 * job does not mail the consumer twice. One-time codes never come through here: their plaintext
 * must not sit in a job payload (server/verification/issue-email-code.ts sends them directly).
 */
export async function sendTemplatedMail(ctx: AppContext, { template, requestId, occurrence }: SendMailPayload): Promise<{ sent: boolean }> {
  if (!isTemplate(template)) throw new AppError("validation", { fields: ["template"] });
  const request = await findRequestById(ctx.db, requestId);
  if (!request) throw new AppError("not_found");
  const history = await listAuditEventsForRequest(ctx.db, requestId);
  const onceKey = occurrence ? `${template}:${occurrence}` : template;
  if (history.some((e) => e.action === "mail.sent" && JSON.parse(e.details).once === onceKey)) return { sent: false };

  const mail = await composeRequestMail(ctx, request, template);

  let transport = transports.get(ctx.env);
  if (!transport) transports.set(ctx.env, (transport = createMailTransport(ctx.env)));
  await transport.send({ to: request.subject_email, ...mail });
  await recordAuditEvent(ctx, { actor: SYSTEM_ACTOR, action: "mail.sent", requestId, details: { template }, onceKey });
  return { sent: true };
}

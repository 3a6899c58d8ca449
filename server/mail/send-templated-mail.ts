import { listAuditEventsForRequest } from "../audit/audit-events.repository";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import type { SendMailPayload } from "../jobs/job-payloads";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { findRequestById } from "../requests/requests.repository";
import { createMailTransport, type MailTransport } from "./create-mail-transport";
import { composeRequestMail } from "./compose-request-mail";
import { deriveMessageId } from "./derive-message-id";
import { findMailSend, markMailSendSent, recordMailSendAttempt } from "./mail-sends.repository";
import { MAIL_TEMPLATES, type MailTemplateName } from "./mail-templates";

// One transport per settings object: a worker sends many mails over one SMTP pool.
const transports = new WeakMap<object, MailTransport>();

function isTemplate(name: string): name is MailTemplateName {
  return Object.hasOwn(MAIL_TEMPLATES, name) && name !== "verification_code";
}

/**
 * Sends one lifecycle notice about a request (the send_mail job), at most once per (template,
 * request, occurrence), even across a crash or a database outage (issue 16 item 9, ADR 041):
 * - before sending, the attempt is recorded (a `mail_sends` row with the mail's Message-ID, and a
 *   `mail.attempted` audit event); if that cannot be written, nothing is sent and the job retries;
 * - after the mail server accepted it, the outcome is recorded (`sent_at`, and `mail.sent`).
 * A retry after a failure between the two sends again with the same Message-ID, so receiving
 * servers and mail clients show one message, and the audit trail counts both attempts and the one
 * outcome. One-time codes never come through here: their plaintext must not sit in a job payload
 * (server/verification/issue-email-code.ts sends them directly).
 */
export async function sendTemplatedMail(ctx: AppContext, { template, requestId, occurrence }: SendMailPayload): Promise<{ sent: boolean }> {
  if (!isTemplate(template)) throw new AppError("validation", { fields: ["template"] });
  const request = await findRequestById(ctx.db, requestId);
  if (!request) throw new AppError("not_found");
  const onceKey = occurrence ? `${template}:${occurrence}` : template;
  const sendKey = `${requestId}:${onceKey}`;
  const previous = await findMailSend(ctx.db, sendKey);
  if (previous?.sent_at) return { sent: false };
  // Mail sent before mail_sends existed is known only by its audit event.
  if (!previous && (await listAuditEventsForRequest(ctx.db, requestId)).some((e) => e.action === "mail.sent" && JSON.parse(e.details).once === onceKey)) {
    return { sent: false };
  }

  const mail = await composeRequestMail(ctx, request, template);
  const { messageId } = await runInWriteTransaction(ctx, async (tx) => {
    const now = new Date();
    const row = await recordMailSendAttempt(tx.db, { onceKey: sendKey, requestId, template, messageId: deriveMessageId(sendKey, ctx.env.MAIL_FROM), now: toDbTime(now) });
    await recordAuditEvent(tx, { actor: SYSTEM_ACTOR, action: "mail.attempted", requestId, details: { template, attempt: row.attempts }, now });
    return { messageId: row.message_id };
  });

  let transport = transports.get(ctx.env);
  if (!transport) transports.set(ctx.env, (transport = createMailTransport(ctx.env)));
  await transport.send({ to: request.subject_email, ...mail, messageId });
  await runInWriteTransaction(ctx, async (tx) => {
    const now = new Date();
    await markMailSendSent(tx.db, { onceKey: sendKey, now: toDbTime(now) });
    await recordAuditEvent(tx, { actor: SYSTEM_ACTOR, action: "mail.sent", requestId, details: { template }, onceKey, now });
  });
  return { sent: true };
}

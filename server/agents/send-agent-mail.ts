import { getBusinessProfile } from "../business/get-business-profile";
import type { AppContext } from "../context";
import { errorCode } from "../lib/errors";
import { createMailTransport, type MailTransport } from "../mail/create-mail-transport";
import { renderAgentMail, type AgentMailParams, type AgentMailTemplate } from "./agent-mail-templates";

const transports = new WeakMap<object, MailTransport>();

/**
 * Sends one agent-related mail directly, not through the job queue: the verification and
 * confirmation links carry a token whose plaintext must never sit in a job row (the same reason
 * one-time codes are sent directly, server/verification/issue-email-code.ts). Returns false when
 * the mail server refused; the caller tells the person and offers to send again.
 */
export async function sendAgentMail(
  ctx: AppContext,
  input: { template: AgentMailTemplate; to: string; language: string; params: Omit<AgentMailParams, "businessName"> },
): Promise<boolean> {
  const business = await getBusinessProfile(ctx);
  const mail = renderAgentMail(input.template, input.language, { ...input.params, businessName: business.name });
  let transport = transports.get(ctx.env);
  if (!transport) transports.set(ctx.env, (transport = createMailTransport(ctx.env)));
  try {
    await transport.send({ to: input.to, ...mail });
    return true;
  } catch (error) {
    ctx.logger.warn({ template: input.template, error: errorCode(error) }, "agent mail not sent");
    return false;
  }
}

import { emailAddress } from "../lib/email-address";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { hashStaffPassword } from "../staff/hash-staff-password";
import { AGENT_KINDS, EMAIL_VERIFY_TTL_HOURS, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./agent-policy";
import { findAgentByEmail, insertAgent } from "./agents.repository";
import { issueAgentToken } from "./issue-agent-token";
import { sendAgentMail } from "./send-agent-mail";

export const RegisterAgentInputSchema = z.strictObject({
  kind: z.enum(AGENT_KINDS),
  name: z.string().trim().min(1).max(200),
  email: emailAddress(),
  /** 1798.140(ak): a business entity registered with the CA Secretary of State gives its number. */
  sosNumber: z
    .string()
    .trim()
    .max(64)
    .regex(/^[A-Za-z0-9-]*$/)
    .optional()
    .transform((v) => v || null),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  /** R23: the agent accepts the duties of 11 CCR 7063(c)-(d) before acting. */
  acceptedDuties: z.literal(true),
});
export type RegisterAgentInput = z.input<typeof RegisterAgentInputSchema>;

/**
 * Registers an agent (a natural person or a business entity, 11 CCR 7001(d)) and mails a link to
 * confirm the address. The account stays "pending" and cannot sign in until then.
 *
 * An address that already has an account gets the same answer and no new account, so the form
 * never tells anyone which addresses are registered (X3). Throws AppError("validation") naming
 * fields only.
 */
export async function registerAgent(ctx: AppContext, rawInput: RegisterAgentInput, now = new Date()): Promise<{ mailed: boolean }> {
  const parsed = RegisterAgentInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new AppError("validation", { fields: [...new Set(parsed.error.issues.map((i) => i.path.join(".")))] });
  const input = parsed.data;
  const email = input.email;
  // Hashed before the lookup so a known and an unknown address take as long (X3).
  const passwordHash = await hashStaffPassword(input.password);
  if (await findAgentByEmail(ctx.db, email)) {
    ctx.logger.info("agent registration for an address that already has an account");
    return { mailed: true };
  }
  const id = newId();
  const nowText = toDbTime(now);
  const token = await runInWriteTransaction(ctx, async (tx) => {
    await insertAgent(tx.db, {
      id,
      kind: input.kind,
      name: input.name,
      email,
      sos_number: input.kind === "business" ? input.sosNumber : null,
      password_hash: passwordHash,
      totp_secret: null,
      email_verified_at: null,
      drp_agent_id: null,
      drp_verify_key: null,
      status: "pending",
      created_at: nowText,
      updated_at: nowText,
      totp_last_step: null,
      terms_accepted_at: nowText,
    });
    await recordAuditEvent(tx, {
      actor: { kind: "agent", id },
      action: "agent.registered",
      details: { kind: input.kind, hasSosNumber: input.kind === "business" && input.sosNumber !== null },
      now,
    });
    return issueAgentToken(tx, { purpose: "email_verify", agentId: id, ttlMs: EMAIL_VERIFY_TTL_HOURS * 3_600_000, now });
  });
  const mailed = await sendAgentMail(ctx, { template: "agent_email_verify", to: email, language: "en", params: { url: `${ctx.env.PUBLIC_URL}/agent/verify-email/${token}` } });
  return { mailed };
}

import { emailAddress } from "../lib/email-address";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { enqueueJob } from "../jobs/enqueue-job";
import { buildMailJob, REQUEST_NOTICES } from "../jobs/job-payloads";
import { computeDeadlines } from "./compute-deadlines";
import { LOOKBACK_EARLIEST, type RequestDeadlines } from "./deadlines.shared";
import { insertRequestEvent } from "./request-events.repository";
import { BACKDATED_CHANNELS, REQUEST_CHANNELS, REQUEST_LANGUAGES, REQUEST_PERIODS, REQUEST_TYPES } from "./request-fields.shared";
import { ACTOR_KINDS } from "./request-states.shared";
import { insertRequest } from "./requests.repository";
import { emailSearchKey, phoneSearchKey } from "./request-search-keys";

const ID = z.string().regex(/^[0-9a-z]{26}$/);

export const CreateRequestInputSchema = z
  .strictObject({
    type: z.enum(REQUEST_TYPES),
    channel: z.enum(REQUEST_CHANNELS),
    period: z.enum(REQUEST_PERIODS).default("12_months"),
    language: z.enum(REQUEST_LANGUAGES).default("en"),
    /** R1: asked, not proven; null when the channel does not ask (DRP). */
    californiaResident: z.boolean().nullable().default(null),
    subject: z.strictObject({
      name: z.string().trim().min(1).max(200),
      // Lower-cased: frequency checks (1798.130(b)) and identity matching compare addresses.
      email: emailAddress(),
      phone: z.string().trim().min(1).max(40).optional(),
      address: z.record(z.string().max(40), z.string().max(200)).optional(),
    }),
    agentId: ID.optional(),
    /** Only for staff-entered channels: when the business first received it (R4, X16). */
    receivedAt: z.date().optional(),
    actor: z.strictObject({ kind: z.enum(ACTOR_KINDS), id: ID.nullable().optional() }),
  })
  .superRefine((input, issues) => {
    if (input.receivedAt && !BACKDATED_CHANNELS.includes(input.channel)) {
      issues.addIssue({ code: "custom", path: ["receivedAt"], message: "online channels are stamped at submission" });
    }
    if (input.receivedAt && input.actor.kind !== "staff") {
      issues.addIssue({ code: "custom", path: ["receivedAt"], message: "only staff enter an earlier receipt time" });
    }
    if (input.receivedAt && input.receivedAt.getTime() > Date.now()) {
      issues.addIssue({ code: "custom", path: ["receivedAt"], message: "receipt cannot be in the future" });
    }
    if ((input.channel === "agent" || input.channel === "drp") && !input.agentId) {
      issues.addIssue({ code: "custom", path: ["agentId"], message: "agent channels name the agent" });
    }
  });
export type CreateRequestInput = z.input<typeof CreateRequestInputSchema>;

export interface CreatedRequest extends RequestDeadlines {
  id: string;
  state: "received";
  periodStart: string;
  periodEnd: string;
  version: number;
}

/**
 * Records a new Right to Know request from any channel. In ONE transaction: the request row with
 * its legal dates, its "received" event, an audit row and the receipt-confirmation mail job
 * (11 CCR 7021(a): confirm within 10 business days; we confirm at once). Either all of it is
 * committed or none, so no request exists without its clock and its confirmation (DESIGN.md §7).
 *
 * The clock starts at receipt (7021(b)); staff intake of a phone call, letter or e-mail passes the
 * original receipt time (R4). The look-back window ends on the receipt date and starts 12 months
 * before it, or on 2022-01-01 for "since_2022" (1798.130(a)(2)(B); 7024(h)).
 * Throws AppError("validation", { fields }) naming paths only, never the values.
 */
export async function createRequest(ctx: AppContext, rawInput: CreateRequestInput): Promise<CreatedRequest> {
  const parsed = CreateRequestInputSchema.safeParse(rawInput);
  if (!parsed.success) throw new AppError("validation", { fields: parsed.error.issues.map((i) => i.path.join(".")) });
  const input = parsed.data;
  const now = new Date();
  const deadlines = computeDeadlines({ receivedAt: input.receivedAt ?? now });
  const periodStart = input.period === "since_2022" ? LOOKBACK_EARLIEST : deadlines.lookbackStart;
  const id = newId();
  const nowText = toDbTime(now);

  await runInWriteTransaction(ctx, async (tx) => {
    await insertRequest(tx.db, {
      id,
      type: input.type,
      state: "received",
      channel: input.channel,
      period: input.period,
      period_start: periodStart,
      period_end: deadlines.receiptDate,
      language: input.language,
      received_at: toDbTime(new Date(deadlines.receivedAtUtc)),
      receipt_date: deadlines.receiptDate,
      due_date: deadlines.dueDate,
      extended_due_date: null,
      extension_reason: null,
      verification_level: "none",
      california_resident: input.californiaResident === null ? null : input.californiaResident ? 1 : 0,
      subject_name: input.subject.name,
      subject_email: input.subject.email,
      subject_phone: input.subject.phone ?? null,
      subject_email_key: emailSearchKey(ctx.env, input.subject.email),
      subject_phone_key: phoneSearchKey(ctx.env, input.subject.phone),
      subject_address: input.subject.address ? JSON.stringify(input.subject.address) : null,
      agent_id: input.agentId ?? null,
      denial_reason: null,
      completed_at: null,
      created_at: nowText,
      updated_at: nowText,
      version: 0,
    });
    const actor = { kind: input.actor.kind, id: input.actor.id ?? null };
    await insertRequestEvent(tx.db, {
      id: newId(),
      request_id: id,
      from_state: null,
      to_state: "received",
      actor_kind: actor.kind,
      actor_id: actor.id,
      reason: null,
      created_at: nowText,
    });
    await recordAuditEvent(tx, {
      actor,
      action: "request.received",
      requestId: id,
      details: { channel: input.channel, type: input.type, period: input.period, dueDate: deadlines.dueDate, backdated: input.receivedAt !== undefined },
      now,
    });
    // R7 (11 CCR 7021(a)): the receipt goes out within 10 business days. A web request's address
    // has proved nothing yet, and anyone can type anyone's: its receipt waits for the first code
    // entered (server/verification/check-email-code.ts), so an outsider can make us send only the
    // code mail, which carries no text from the form (issue 16 item 2). The page that takes the
    // code shows the request number and dates at once. Agents (registered, address proven) and
    // staff-entered requests get it now; the receipt date printed is always the original one.
    if (input.channel !== "web") await enqueueJob(tx, buildMailJob(REQUEST_NOTICES.confirmation, id));
  });
  ctx.logger.info({ requestId: id, channel: input.channel, type: input.type }, "request received");
  return { id, state: "received", ...deadlines, periodStart, periodEnd: deadlines.receiptDate, version: 0 };
}

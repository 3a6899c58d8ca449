import { emailAddress } from "../lib/email-address";
import { z } from "zod";
import type { AppContext } from "../context";
import { isCalendarDate } from "../lib/calendar-date";
import { isAppError } from "../lib/errors";
import { createRequest } from "../requests/create-request";
import { REQUEST_LANGUAGES, REQUEST_PERIODS, REQUEST_TYPES } from "../requests/request-fields.shared";
import { pacificToUtc } from "./pacific-local-time";

/** Off-channel ways a request reaches staff (R2, R4; X16). Web, agent and DRP requests stamp themselves. */
export const INTAKE_CHANNELS = ["phone", "mail", "email"] as const;
export const INTAKE_FIELDS = ["channel", "receivedDate", "receivedTime", "type", "period", "language", "californiaResident", "name", "email", "phone"] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];
/** What was wrong with a field, as a code the page turns into words; never the value itself. */
export type IntakeErrorCode = "required" | "invalid" | "future" | "too_early" | "nonexistent_time" | "too_long";

/** The CCPA took effect on 2020-01-01; an earlier receipt date is a typing mistake. */
const EARLIEST_RECEIPT = "2020-01-01";

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: "required" });
const IntakeFormSchema = z.object({
  channel: choice(INTAKE_CHANNELS),
  receivedDate: z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .refine(isCalendarDate, "invalid")
    .refine((d) => d >= EARLIEST_RECEIPT, "too_early"),
  // Unknown time of day (a letter): the start of the day, which never moves the due date later.
  receivedTime: z
    .string()
    .trim()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, "invalid")
    .transform((t) => t || "00:00"),
  type: choice(REQUEST_TYPES),
  period: choice(REQUEST_PERIODS),
  language: choice(REQUEST_LANGUAGES),
  californiaResident: choice(["yes", "no", "not_asked"] as const),
  name: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
  email: z.string({ error: "required" }).trim().min(1, "required").pipe(emailAddress()),
  // Optional; digits with the usual punctuation and an extension. Verification matches it later.
  phone: z
    .string()
    .trim()
    .max(40, "too_long")
    .regex(/^(\+?[0-9().\s-]{7,30}(\s*(x|ext\.?)\s*\d{1,6})?)?$/i, "invalid"),
});
export type IntakeFormValues = Partial<Record<IntakeField, string>>;

export type RecordIntakeResult = { ok: true; requestId: string } | { ok: false; errors: Partial<Record<IntakeField, IntakeErrorCode>> };

// createRequest names paths of its own input; map them back to the form's fields.
const CREATE_PATHS: Record<string, IntakeField> = { "subject.name": "name", "subject.email": "email", "subject.phone": "phone", receivedAt: "receivedDate" };

/**
 * Staff record a request that arrived by phone, letter or e-mail, with the time it was REALLY
 * received, typed as Pacific wall-clock time (R4, X16: the clock runs from receipt, 11 CCR
 * 7021(b)). createRequest then stamps the deadlines, writes the request, its event and audit row,
 * and queues the receipt confirmation (7021(a)); the consumer verifies through the normal path.
 */
export async function recordIntake(ctx: AppContext, input: { staffId: string; form: IntakeFormValues; now?: Date }): Promise<RecordIntakeResult> {
  const parsed = IntakeFormSchema.safeParse(input.form);
  if (!parsed.success) {
    const errors: Partial<Record<IntakeField, IntakeErrorCode>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as IntakeField;
      errors[field] ??= (["required", "invalid", "too_early", "too_long"].includes(issue.message) ? issue.message : "invalid") as IntakeErrorCode;
    }
    return { ok: false, errors };
  }
  const form = parsed.data;
  const receivedAt = pacificToUtc(form.receivedDate, form.receivedTime);
  // Date and time are well formed, so null means the hour skipped when clocks go forward.
  if (!receivedAt) return { ok: false, errors: { receivedTime: "nonexistent_time" } };
  if (receivedAt.getTime() > (input.now ?? new Date()).getTime()) return { ok: false, errors: { receivedDate: "future" } };
  try {
    const created = await createRequest(ctx, {
      type: form.type,
      channel: form.channel,
      period: form.period,
      language: form.language,
      californiaResident: form.californiaResident === "not_asked" ? null : form.californiaResident === "yes",
      subject: { name: form.name, email: form.email, ...(form.phone ? { phone: form.phone } : {}) },
      receivedAt,
      actor: { kind: "staff", id: input.staffId },
    });
    return { ok: true, requestId: created.id };
  } catch (error) {
    if (!isAppError(error, "validation")) throw error;
    const fields = Array.isArray(error.details.fields) ? error.details.fields : [];
    const errors: Partial<Record<IntakeField, IntakeErrorCode>> = {};
    for (const path of fields) errors[CREATE_PATHS[path] ?? "receivedDate"] ??= path === "receivedAt" ? "future" : "invalid";
    return { ok: false, errors };
  }
}

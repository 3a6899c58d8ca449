import type { AppContext } from "../../server/context";
import { calendarDateIn } from "../../server/lib/calendar-date";
import { INTAKE_CHANNELS, INTAKE_FIELDS, recordIntake, type IntakeErrorCode, type IntakeField, type IntakeFormValues } from "../../server/ops/record-intake";
import { RECEIPT_TIME_ZONE } from "../../server/requests/deadlines.shared";
import { REQUEST_LANGUAGES, REQUEST_PERIODS, REQUEST_TYPES } from "../../server/requests/request-fields.shared";
import type { SignedInStaff } from "./staff-session.server";

export type { IntakeErrorCode, IntakeField };

/** The choices the intake form offers, and today's Pacific date as the latest receipt date. */
export function intakeOptions() {
  return {
    channels: [...INTAKE_CHANNELS],
    types: [...REQUEST_TYPES],
    periods: [...REQUEST_PERIODS],
    languages: [...REQUEST_LANGUAGES],
    today: calendarDateIn(new Date(), RECEIPT_TIME_ZONE),
  };
}

export type IntakeOutcome =
  | { ok: true; requestId: string }
  | { ok: false; errors: Partial<Record<IntakeField, IntakeErrorCode>>; values: IntakeFormValues };

/** Records an off-channel request; on error, returns the typed values so the form keeps them. */
export async function recordIntakeForOps(ctx: AppContext, staff: SignedInStaff, form: FormData): Promise<IntakeOutcome> {
  const values: IntakeFormValues = {};
  for (const field of INTAKE_FIELDS) values[field] = String(form.get(field) ?? "").slice(0, 400);
  const result = await recordIntake(ctx, { staffId: staff.user.id, form: values });
  return result.ok ? result : { ...result, values };
}

import type { IntakeErrorCode, IntakeField } from "~/lib/ops-intake.server";

type IntakeErrors = Partial<Record<IntakeField, IntakeErrorCode>>;

const FIELD_NAMES: Record<IntakeField, string> = {
  channel: "How it reached us",
  receivedDate: "Date received",
  receivedTime: "Time received",
  type: "What they asked for",
  period: "Period",
  language: "Language",
  californiaResident: "California resident",
  name: "Full name",
  email: "E-mail address",
  phone: "Phone",
};

const MESSAGES: Partial<Record<IntakeField, Partial<Record<IntakeErrorCode, string>>>> = {
  channel: { required: "Choose how the request reached us." },
  receivedDate: {
    required: "Enter the date we received the request.",
    invalid: "Enter a real date, like 2026-03-02.",
    future: "The date and time received cannot be in the future.",
    too_early: "Enter a date from 2020 on: the CCPA took effect on 2020-01-01.",
  },
  receivedTime: {
    invalid: "Enter the time as hours and minutes, like 14:30, or leave it empty.",
    nonexistent_time: "That time did not exist that day: the clocks moved forward an hour. Enter the time as the clock showed it.",
  },
  type: { required: "Choose what they asked for." },
  period: { required: "Choose the period." },
  language: { required: "Choose the language for our replies." },
  californiaResident: { required: "Choose what they said about living in California." },
  name: { required: "Enter the consumer's name.", too_long: "Enter at most 200 characters." },
  email: { required: "Enter the consumer's e-mail address.", invalid: "Enter an e-mail address like name@example.com." },
  phone: { invalid: "Enter a phone number with digits, like (415) 555-0100, or leave it empty.", too_long: "Enter at most 40 characters." },
};

/** The words for one field's error, or null. */
export function intakeError(errors: IntakeErrors, field: IntakeField): string | null {
  const code = errors[field];
  if (!code) return null;
  return MESSAGES[field]?.[code] ?? `Check ${FIELD_NAMES[field].toLowerCase()}.`;
}

/** A summary at the top linking to each field with a problem (WCAG 3.3.1; GOV.UK pattern). */
export function IntakeErrorSummary({ errors }: { errors: IntakeErrors }) {
  const fields = (Object.keys(FIELD_NAMES) as IntakeField[]).filter((f) => errors[f]);
  if (fields.length === 0) return null;
  return (
    <div className="form-error" role="alert">
      <p>
        <strong>The request was not recorded. Please check:</strong>
      </p>
      <ul>
        {fields.map((f) => (
          <li key={f}>
            <a href={`#${f}`}>{intakeError(errors, f)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

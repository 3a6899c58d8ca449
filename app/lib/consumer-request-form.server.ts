import { emailAddress, type EmailProblem } from "../../server/lib/email-address";
import { z } from "zod";
import { normalizePhone } from "../../server/lib/normalize-phone";
import { HONEYPOT_FIELD } from "../components/consumer/honeypot-field";
import { REQUEST_LANGUAGES, REQUEST_PERIODS, REQUEST_TYPES } from "../../server/requests/request-fields.shared";

/** Form field names, in page order: errors are listed in this order (WCAG 3.3.1). */
const REQUEST_FORM_FIELDS = ["type", "period", "fullName", "email", "phone", "street", "city", "state", "postalCode", "californiaResident", "language"] as const;
export type RequestFormField = (typeof REQUEST_FORM_FIELDS)[number];
export type RequestFormValues = Record<RequestFormField, string>;

/** Error keys under request.errors in the dictionaries; one per field, plus the two cross-field rules. */
export type RequestFormError = RequestFormField | "addressIncomplete" | "specificNeedsMore" | `emailProblems.${EmailProblem}`;

const text = (max: number) => z.string().trim().max(max);

const RequestFormSchema = z
  .object({
    type: z.enum(REQUEST_TYPES),
    period: z.enum(REQUEST_PERIODS),
    fullName: text(200).min(1),
    email: emailAddress(),
    phone: text(40).refine((v) => v === "" || normalizePhone(v) !== null),
    street: text(200),
    city: text(100),
    state: text(40),
    postalCode: text(16).refine((v) => v === "" || /^\d{5}(-?\d{4})?$/.test(v)),
    californiaResident: z.enum(["yes", "no"]),
    language: z.enum(REQUEST_LANGUAGES),
  })
  .superRefine((v, issues) => {
    const address = [v.street, v.city, v.state, v.postalCode];
    // A street alone cannot be matched: matching needs the ZIP, or the city and state (match-data-points.ts).
    if (address.some(Boolean)) {
      if (!v.street) issues.addIssue({ code: "custom", path: ["street"], message: "addressIncomplete" });
      else if (!v.postalCode && !(v.city && v.state)) issues.addIssue({ code: "custom", path: ["postalCode"], message: "addressIncomplete" });
    }
    // RTK-SP needs 3 matching points (11 CCR 7062(c)): e-mail and name are 2, so ask for a third.
    if (v.type === "specific" && !v.phone && !v.street) issues.addIssue({ code: "custom", path: ["phone"], message: "specificNeedsMore" });
  });
export type RequestForm = z.infer<typeof RequestFormSchema>;

export type ParsedRequestForm =
  | { ok: true; form: RequestForm }
  | { ok: false; values: RequestFormValues; errors: { field: RequestFormField; error: RequestFormError }[] };

/**
 * Reads the /request form. On failure returns what was typed (so nothing has to be typed again,
 * R4: field-specific remediation) and one error key per field, in page order.
 */
export function parseRequestForm(formData: FormData): ParsedRequestForm {
  const values = Object.fromEntries(REQUEST_FORM_FIELDS.map((name) => [name, String(formData.get(name) ?? "").slice(0, 400)])) as RequestFormValues;
  const parsed = RequestFormSchema.safeParse(values);
  if (parsed.success) return { ok: true, form: parsed.data };
  const byField = new Map<RequestFormField, RequestFormError>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as RequestFormField;
    if (byField.has(field)) continue;
    byField.set(field, formError(field, issue));
  }
  // Page order, so the summary reads top to bottom like the form.
  const errors = REQUEST_FORM_FIELDS.filter((f) => byField.has(f)).map((field) => ({ field, error: byField.get(field)! }));
  return { ok: false, values, errors };
}

/** The error key for one issue: the cross-field rules and e-mail problems say what is wrong (14.6). */
function formError(field: RequestFormField, issue: z.core.$ZodIssue): RequestFormError {
  if (issue.code !== "custom") return field;
  if (issue.message === "addressIncomplete" || issue.message === "specificNeedsMore") return issue.message;
  if (field === "email" && issue.message !== "empty") return `emailProblems.${issue.message as EmailProblem}`;
  return field;
}

/** The honeypot (a field people never see or fill): anything in it means a script filled the form. */
export function isHoneypotFilled(formData: FormData): boolean {
  return String(formData.get(HONEYPOT_FIELD) ?? "") !== "";
}

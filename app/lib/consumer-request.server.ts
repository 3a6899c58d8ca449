import type { AppLoadContext } from "@remix-run/node";
import { parseJsonColumn } from "../../db/client";
import { describeAgentFiling } from "../../server/agents/describe-agent-filing";
import { findReport } from "../../server/delivery/reports.repository";
import { fromDbTime } from "../../server/lib/clock";
import { denialReasonText } from "../../server/mail/denial-reason-text";
import { createRequest } from "../../server/requests/create-request";
import type { RequestPeriod, RequestType } from "../../server/requests/request-fields.shared";
import { listRequestEvents } from "../../server/requests/request-events.repository";
import type { DenialReason, RequestState } from "../../server/requests/request-states.shared";
import { findRequestById } from "../../server/requests/requests.repository";
import { sendRequestCode } from "./consumer-codes.server";
import type { RequestForm } from "./consumer-request-form.server";

/**
 * Records a web request (createRequest also queues the receipt confirmation, 11 CCR 7021(a)) and
 * mails the first code to the address given. Returns the pending-step cookie; the e-mail never
 * goes into a URL.
 */
export async function submitConsumerRequest(context: AppLoadContext, form: RequestForm, uiLanguage: string): Promise<{ requestId: string; setCookie: string }> {
  const address = form.street ? { street: form.street, city: form.city, state: form.state, postalCode: form.postalCode } : undefined;
  const created = await createRequest(context.app, {
    type: form.type,
    channel: "web",
    period: form.period,
    language: form.language,
    californiaResident: form.californiaResident === "yes",
    subject: { name: form.fullName, email: form.email, phone: form.phone || undefined, address },
    actor: { kind: "consumer" },
  });
  const { setCookie } = await sendRequestCode(context, { requestId: created.id, uiLanguage });
  return { requestId: created.id, setCookie };
}

// Building an Intl.DateTimeFormat costs far more than using one: one per (language, zone), reused.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, timeZone: string): Intl.DateTimeFormat {
  const locale = language === "es" ? "es-US" : "en-US";
  const key = `${locale} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone })));
  return format;
}

/** What a "No" to the residency question means here (RESIDENCY_POLICY; R1): the form says so beforehand. */
export function getResidencyPolicy(context: AppLoadContext): "process" | "decline" {
  return context.app.env.RESIDENCY_POLICY;
}

function formatDate(date: string, language: string): string {
  // Calendar dates ("YYYY-MM-DD") are days, not instants: format them in UTC so they never shift.
  return formatter(language, "UTC").format(new Date(`${date}T12:00:00Z`));
}

function formatInstant(dbTime: string, language: string): string {
  // The legal clock runs on California days (ccpa-requirements §5).
  return formatter(language, "America/Los_Angeles").format(fromDbTime(dbTime));
}

/**
 * What the requester sees about their own request. The caller has passed requireConsumerRequest.
 * Dates are formatted here, on the server, so the page reads the same on every device.
 */
export async function loadConsumerRequest(context: AppLoadContext, requestId: string, language: string) {
  const { db } = context.app;
  const row = await findRequestById(db, requestId);
  if (!row) throw new Response("Not found", { status: 404 });
  const events = await listRequestEvents(db, requestId);
  const firstAt = new Map<string, string>();
  for (const e of events) if (e.from_state !== e.to_state && !firstAt.has(e.to_state)) firstAt.set(e.to_state, formatInstant(e.created_at, language));
  const reports = await Promise.all((["pdf", "json"] as const).map((format) => findReport(db, { requestId, format })));
  const available = reports.filter((r) => r && !r.purged_at);
  const denial = events.findLast((e) => e.to_state === "denied");
  const extension = events.findLast((e) => e.from_state === e.to_state && e.reason);
  const address = row.subject_address ? parseJsonColumn<Record<string, string>>(row.subject_address) : null;
  const agent = await describeAgentFiling(context.app, row);
  return {
    id: row.id,
    type: row.type as RequestType,
    period: row.period as RequestPeriod,
    state: row.state as RequestState,
    receiptDate: formatDate(row.receipt_date, language),
    dueDate: formatDate(row.due_date, language),
    extendedDueDate: row.extended_due_date ? formatDate(row.extended_due_date, language) : null,
    /** When the business responded (delivered, denied, cancelled): the clock has stopped. */
    answeredOn: row.completed_at ? formatInstant(row.completed_at, language) : null,
    extensionReason: row.extended_due_date ? (row.extension_reason ?? extension?.reason ?? null) : null,
    downgraded: row.type === "specific" && row.verification_level === "reasonable",
    nonResident: row.california_resident === 0,
    denialReason: row.denial_reason as DenialReason | null,
    // Other reasons are explained in words, as in the denial mail (1798.145(h)(2); R35, R36).
    denialText: row.denial_reason ? denialReasonText(row.denial_reason, language === "es" ? "es" : "en", denial?.reason) : null,
    reachedAt: Object.fromEntries(firstAt) as Partial<Record<RequestState, string>>,
    downloads: row.state === "delivered" && available.length === 2 ? { until: formatInstant(available[0]!.expires_at, language) } : null,
    /** An authorized agent made the request: who, with what proof, and whether the consumer must answer the confirmation mail first (ADR 019). */
    agent,
    /** Which data points the requester gave, by name only (the confirm step lists them). */
    points: ["email", "fullName", ...(row.subject_phone ? ["phone"] : []), ...(address?.street ? ["postalAddress"] : [])] as ("email" | "fullName" | "phone" | "postalAddress")[],
  };
}
export type ConsumerRequestView = Awaited<ReturnType<typeof loadConsumerRequest>>;

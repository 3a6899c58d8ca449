import type { AppContext } from "../../server/context";
import { isAppError } from "../../server/lib/errors";
import { denyRequest, OPS_DENIAL_REASONS, type OpsDenialReason } from "../../server/ops/deny-request";
import { previewDenialNotice } from "../../server/ops/preview-denial-notice";
import { getRequestForOps, type OpsRequestView } from "../../server/ops/get-request-for-ops";
import { formatPacific } from "../../server/ops/pacific-local-time";
import { resendReadyNotice } from "../../server/ops/resend-ready-notice";
import { extendRequest } from "../../server/requests/extend-request";
import { approveDisclosure } from "../../server/review/approve-disclosure";
import { isReviewReasonCode, type ReviewReasonCode } from "../../server/review/review-reasons.shared";
import { loadReview, parseReviewFilter } from "./ops-review.server";
import { REASON_TEXT_MAX, withholdField } from "../../server/review/withhold-field";
import type { Permission, SignedInStaff } from "./staff-session.server";

const REQUEST_ID = /^[0-9a-z]{26}$/;
const REASON_MAX = 2000;
const pacific = (iso: string | null): string | null => (iso === null ? null : formatPacific(new Date(iso)));

/** The permission each action on the request page needs (server/staff/permissions.shared.ts). */
export const REQUEST_ACTION_PERMISSIONS = {
  deny: "deny:request:any",
  extend: "extend:request:any",
  resend: "release:report:any",
  withhold: "review:request:any",
  approve: "release:report:any",
  search: "review:request:any",
  preview_match: "review:request:any",
  withhold_match: "review:request:any",
  undo: "review:request:any",
} as const satisfies Record<string, Permission>;
export type RequestIntent = keyof typeof REQUEST_ACTION_PERMISSIONS;

export function isRequestIntent(value: unknown): value is RequestIntent {
  return typeof value === "string" && Object.hasOwn(REQUEST_ACTION_PERMISSIONS, value);
}

/** Instants as Pacific wall-clock text: the zone of the legal clock, whatever the reviewer's browser says. */
function forDisplay(view: OpsRequestView) {
  return {
    ...view,
    receivedAt: pacific(view.receivedAt)!,
    completedAt: pacific(view.completedAt),
    authorizations: view.authorizations.map((a) => ({ ...a, uploadedAt: pacific(a.uploadedAt)!, confirmedAt: pacific(a.confirmedAt), refusedAt: pacific(a.refusedAt) })),
    evidence: view.evidence.map((e) => ({ ...e, declarationAt: pacific(e.declarationAt), recordedAt: pacific(e.recordedAt)! })),
    events: view.events.map((e) => ({ ...e, at: pacific(e.at)! })),
  };
}

export type OpsRequestDisplay = ReturnType<typeof forDisplay>;

/**
 * The request page's data; records the audited view (getRequestForOps). The caller has passed
 * requireStaff(..., "view:request:any"). Unknown or malformed ids are a plain 404.
 */
export async function loadOpsRequest(ctx: AppContext, staff: SignedInStaff, requestId: string, params: URLSearchParams = new URLSearchParams()) {
  if (!REQUEST_ID.test(requestId)) throw new Response("Not found", { status: 404 });
  try {
    const { request, actions } = await getRequestForOps(ctx, { requestId, staffId: staff.user.id });
    const may = (intent: RequestIntent) => staff.permissions.includes(REQUEST_ACTION_PERMISSIONS[intent]);
    return {
      request: forDisplay(request),
      actions: {
        deny: actions.canDeny && may("deny"),
        extension: may("extend") ? actions.extension : null,
        resend: actions.canResendNotice && may("resend"),
      },
      denialReasons: [...OPS_DENIAL_REASONS],
      review:
        request.state === "in_review" && may("withhold") ? await loadReview(ctx, staff, request, parseReviewFilter(params), may("approve")) : null,
    };
  } catch (error) {
    if (isAppError(error, "not_found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export type DenyOutcome =
  | { intent: "deny"; ok: true }
  | { intent: "deny"; ok: false; error: "fields" | "conflict" | "not_allowed"; fields: { denialReason?: true; reason?: true }; values: { denialReason: string; reason: string } }
  | { intent: "deny"; ok: false; error: "confirm"; fields: Record<string, never>; values: { denialReason: string; reason: string }; preview: { subject: string; text: string; language: string } };

export async function denyForOps(ctx: AppContext, staff: SignedInStaff, requestId: string, form: FormData): Promise<DenyOutcome> {
  const values = { denialReason: String(form.get("denialReason") ?? ""), reason: String(form.get("reason") ?? "").slice(0, REASON_MAX) };
  const version = Number(form.get("version"));
  const fields = {
    ...(OPS_DENIAL_REASONS.includes(values.denialReason as OpsDenialReason) ? {} : { denialReason: true as const }),
    ...(values.reason.trim() ? {} : { reason: true as const }),
  };
  if (Object.keys(fields).length > 0 || !Number.isInteger(version)) return { intent: "deny", ok: false, error: "fields", fields, values };
  // Two steps (issue 17.4): the first shows the notice the consumer will read; only the second,
  // with the same values, denies. Nothing changes until then.
  if (form.get("confirmed") !== "1") {
    try {
      const preview = await previewDenialNotice(ctx, { requestId, denialReason: values.denialReason as OpsDenialReason, reason: values.reason });
      return { intent: "deny", ok: false, error: "confirm", fields: {}, values, preview };
    } catch (error) {
      if (isAppError(error, "not_found")) throw new Response("Not found", { status: 404 });
      throw error;
    }
  }
  try {
    await denyRequest(ctx, { requestId, staffId: staff.user.id, denialReason: values.denialReason as OpsDenialReason, reason: values.reason, expectedVersion: version });
    return { intent: "deny", ok: true };
  } catch (error) {
    if (isAppError(error, "conflict")) return { intent: "deny", ok: false, error: "conflict", fields: {}, values };
    if (isAppError(error, "illegal_transition")) return { intent: "deny", ok: false, error: "not_allowed", fields: {}, values };
    if (isAppError(error, "reason_required") || isAppError(error, "denial_reason_required")) {
      return { intent: "deny", ok: false, error: "fields", fields: { reason: true }, values };
    }
    if (isAppError(error, "not_found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export type ExtendOutcome =
  | { intent: "extend"; ok: true; newDueDate: string }
  | { intent: "extend"; ok: false; error: string; values: { reason: string } };

/**
 * No expected version: the one-extension rule is itself checked inside the transaction, so a page
 * opened before a colleague extended gets "already extended" (X20), which says more than "reload".
 */
export async function extendForOps(ctx: AppContext, staff: SignedInStaff, requestId: string, form: FormData): Promise<ExtendOutcome> {
  const values = { reason: String(form.get("reason") ?? "").slice(0, REASON_MAX) };
  try {
    const result = await extendRequest(ctx, { requestId, actor: { kind: "staff", id: staff.user.id }, reason: values.reason });
    return { intent: "extend", ok: true, newDueDate: result.extendedDueDate };
  } catch (error) {
    if (isAppError(error, "extension_refused")) return { intent: "extend", ok: false, error: String(error.details.reason), values };
    if (isAppError(error, "illegal_transition")) return { intent: "extend", ok: false, error: "answered", values };
    if (isAppError(error, "conflict")) return { intent: "extend", ok: false, error: "conflict", values };
    if (isAppError(error, "not_found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export type ResendOutcome = { intent: "resend"; ok: true; revoked: number; noticeQueued: boolean } | { intent: "resend"; ok: false; error: "not_delivered" };

export async function resendForOps(ctx: AppContext, staff: SignedInStaff, requestId: string): Promise<ResendOutcome> {
  try {
    const result = await resendReadyNotice(ctx, { requestId, staffId: staff.user.id });
    return { intent: "resend", ok: true, ...result };
  } catch (error) {
    if (isAppError(error, "illegal_transition")) return { intent: "resend", ok: false, error: "not_delivered" };
    if (isAppError(error, "not_found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export type { PageMark, PagePiece, PageRecord, ReviewDatasetSummary, ReviewPage } from "../../server/review/build-review-page";
export type { MatchOutcome, SearchOutcome, UndoOutcome } from "./ops-review.server";

export type WithholdOutcome =
  | { intent: "withhold"; ok: true }
  | {
      intent: "withhold";
      ok: false;
      error: "fields" | "conflict" | "not_allowed";
      fields: { reasonCode?: true; reasonText?: true };
      values: { fieldId: string; recordKey: string; reasonCode: string; reasonText: string };
    };

export async function withholdForOps(ctx: AppContext, staff: SignedInStaff, requestId: string, form: FormData): Promise<WithholdOutcome> {
  const values = {
    fieldId: String(form.get("fieldId") ?? ""),
    recordKey: String(form.get("recordKey") ?? ""),
    reasonCode: String(form.get("reasonCode") ?? ""),
    reasonText: String(form.get("reasonText") ?? "").slice(0, REASON_TEXT_MAX),
  };
  const version = Number(form.get("version"));
  const fields = {
    ...(isReviewReasonCode(values.reasonCode) ? {} : { reasonCode: true as const }),
    ...(values.reasonCode === "other" && !values.reasonText.trim() ? { reasonText: true as const } : {}),
  };
  if (Object.keys(fields).length > 0 || !Number.isInteger(version)) return { intent: "withhold", ok: false, error: "fields", fields, values };
  try {
    await withholdField(ctx, {
      requestId,
      staffId: staff.user.id,
      fieldId: values.fieldId,
      // "The whole record": every field of it, keyed with its dataset (wholeRecordKey).
      recordKey: values.fieldId === "*" ? String(form.get("wholeRecord") ?? "") || null : values.recordKey || null,
      reasonCode: values.reasonCode as ReviewReasonCode,
      reasonText: values.reasonText,
      expectedVersion: version,
    });
    return { intent: "withhold", ok: true };
  } catch (error) {
    if (isAppError(error, "conflict")) return { intent: "withhold", ok: false, error: "conflict", fields: {}, values };
    if (isAppError(error, "illegal_transition")) return { intent: "withhold", ok: false, error: "not_allowed", fields: {}, values };
    if (isAppError(error, "validation")) throw new Response("Bad request", { status: 400 });
    if (isAppError(error, "not_found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

export type ApproveOutcome = { intent: "approve"; ok: true } | { intent: "approve"; ok: false; error: "conflict" | "not_allowed" };

export async function approveForOps(ctx: AppContext, staff: SignedInStaff, requestId: string, form: FormData): Promise<ApproveOutcome> {
  const version = Number(form.get("version"));
  if (!Number.isInteger(version)) throw new Response("Bad request", { status: 400 });
  try {
    await approveDisclosure(ctx, { requestId, staff: { id: staff.user.id, permissions: staff.permissions }, expectedVersion: version });
    return { intent: "approve", ok: true };
  } catch (error) {
    if (isAppError(error, "conflict")) return { intent: "approve", ok: false, error: "conflict" };
    if (isAppError(error, "illegal_transition")) return { intent: "approve", ok: false, error: "not_allowed" };
    if (isAppError(error, "forbidden")) throw new Response("Forbidden", { status: 403 });
    if (isAppError(error, "not_found")) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

import type { AppContext } from "../../server/context";
import { CATEGORY_CODES, type CategoryCode } from "../../server/categories/ccpa-categories.shared";
import { isAppError } from "../../server/lib/errors";
import { formatPacific } from "../../server/ops/pacific-local-time";
import { getRequestForOps, type OpsRequestView } from "../../server/ops/get-request-for-ops";
import { REVIEW_PAGE_SIZE } from "../../server/review/build-review-index";
import { buildReviewPage, type ReviewFilter, type ReviewPage } from "../../server/review/build-review-page";
import { listWithholdings } from "../../server/review/list-withholdings";
import { isReviewReasonCode, MATCH_TEXT_MAX, REVIEW_REASON_CODES, type ReviewReasonCode } from "../../server/review/review-reasons.shared";
import { findRequesterIdentifiers } from "../../server/review/find-requester-identifiers";
import { undoWithholding } from "../../server/review/undo-withholding";
import { previewMatchWithholding, withholdByMatch, normalizeMatchText, type MatchPreview } from "../../server/review/withhold-by-match";
import { REASON_TEXT_MAX } from "../../server/review/withhold-field";
import type { SignedInStaff } from "./staff-session.server";

const DATASET_KEY = /^[A-Za-z0-9_.:-]{1,100}\/[A-Za-z0-9_.:-]{1,100}$/;
const SEARCH_MAX = 200;

/** The review filter from the page URL (category, dataset, page: no personal data) and, for a search, the posted text. */
export function parseReviewFilter(params: URLSearchParams, q = ""): ReviewFilter {
  const category = params.get("category");
  const dataset = params.get("dataset");
  // "Go to record 50" opens the page that holds it.
  const record = Number(params.get("record") || "0");
  const page = Number.isInteger(record) && record >= 1 && record < 1e9 ? Math.floor((record - 1) / REVIEW_PAGE_SIZE) + 1 : Number(params.get("page") ?? "1");
  const mentionsPage = Number(params.get("mentions") ?? "1");
  return {
    category: CATEGORY_CODES.includes(category as CategoryCode) ? (category as CategoryCode) : null,
    dataset: dataset && DATASET_KEY.test(dataset) ? dataset : null,
    q: q.trim().slice(0, SEARCH_MAX),
    page: Number.isInteger(page) && page >= 1 && page < 1_000_000 ? page - 1 : 0,
    mentionsPage: Number.isInteger(mentionsPage) && mentionsPage >= 1 && mentionsPage < 1_000_000 ? mentionsPage - 1 : 0,
  };
}

/**
 * The disclosure review (R42): only for a request in review and staff who may review. Reading a
 * page is audited (ops.disclosure_previewed) by buildReviewPage. The requester's own identifiers
 * (as they gave them and as the business holds them) are not "someone else" (1798.145(k)).
 */
export async function loadReview(ctx: AppContext, staff: SignedInStaff, request: OpsRequestView, filter: ReviewFilter, canApprove: boolean) {
  const withholdings = await listWithholdings(ctx, request.id);
  const requester = await findRequesterIdentifiers(ctx, request.subject);
  const page: ReviewPage = await buildReviewPage(ctx, { requestId: request.id, staffId: staff.user.id, withholdings, requester, filter });
  return {
    page,
    withholdings: withholdings.map((w) => ({ ...w, createdAt: formatPacific(new Date(w.createdAt)) })),
    reasonCodes: [...REVIEW_REASON_CODES],
    canApprove,
  };
}

export type MatchOutcome =
  | { intent: "preview_match"; ok: true; preview: MatchPreview; values: { matchText: string } }
  | { intent: "withhold_match"; ok: true; values: { matchText: string }; withheld: number }
  | {
      intent: "preview_match" | "withhold_match";
      ok: false;
      error: "fields" | "conflict" | "not_allowed";
      fields: { matchText?: true; reasonCode?: true; reasonText?: true };
      values: { matchText: string; reasonCode: string; reasonText: string };
    };

/** "Withhold every value that contains <text>": preview first (count and sample), then one decision. */
export async function matchForOps(ctx: AppContext, staff: SignedInStaff, requestId: string, form: FormData, intent: "preview_match" | "withhold_match"): Promise<MatchOutcome> {
  const values = {
    matchText: String(form.get("matchText") ?? "").slice(0, MATCH_TEXT_MAX + 50),
    reasonCode: String(form.get("reasonCode") ?? "third_party_pi"),
    reasonText: String(form.get("reasonText") ?? "").slice(0, REASON_TEXT_MAX),
  };
  const fields = {
    ...(normalizeMatchText(values.matchText) ? {} : { matchText: true as const }),
    ...(intent === "withhold_match" && !isReviewReasonCode(values.reasonCode) ? { reasonCode: true as const } : {}),
    ...(intent === "withhold_match" && values.reasonCode === "other" && !values.reasonText.trim() ? { reasonText: true as const } : {}),
  };
  const version = Number(form.get("version"));
  if (Object.keys(fields).length > 0 || !Number.isInteger(version)) return { intent, ok: false, error: "fields", fields, values };
  try {
    if (intent === "preview_match") return { intent, ok: true, preview: await previewMatchWithholding(ctx, { requestId, matchText: values.matchText }), values: { matchText: values.matchText } };
    const result = await withholdByMatch(ctx, { requestId, staffId: staff.user.id, matchText: values.matchText, reasonCode: values.reasonCode as ReviewReasonCode, reasonText: values.reasonText, expectedVersion: version });
    return { intent, ok: true, values: { matchText: values.matchText }, withheld: result.values };
  } catch (error) {
    if (isAppError(error, "conflict")) return { intent, ok: false, error: "conflict", fields: {}, values };
    if (isAppError(error, "illegal_transition") || isAppError(error, "not_found")) return { intent, ok: false, error: "not_allowed", fields: {}, values };
    throw error;
  }
}

export type UndoOutcome = { intent: "undo"; ok: true } | { intent: "undo"; ok: false; error: "conflict" | "not_allowed" };

export async function undoForOps(ctx: AppContext, staff: SignedInStaff, requestId: string, form: FormData): Promise<UndoOutcome> {
  const withholdingId = String(form.get("withholdingId") ?? "");
  const version = Number(form.get("version"));
  if (!/^[0-9a-z]{26}$/.test(withholdingId) || !Number.isInteger(version)) throw new Response("Bad request", { status: 400 });
  try {
    await undoWithholding(ctx, { requestId, staffId: staff.user.id, withholdingId, expectedVersion: version });
    return { intent: "undo", ok: true };
  } catch (error) {
    if (isAppError(error, "conflict")) return { intent: "undo", ok: false, error: "conflict" };
    if (isAppError(error, "illegal_transition") || isAppError(error, "not_found")) return { intent: "undo", ok: false, error: "not_allowed" };
    throw error;
  }
}

export type SearchOutcome = { intent: "search"; ok: true; q: string; page: ReviewPage } | { intent: "search"; ok: false; error: "fields"; q: string };

/**
 * A free-text search across every value of the disclosure. Posted, not in the URL: the text is
 * often a person's name (DESIGN.md §7: no personal data in URLs or access logs).
 */
export async function searchForOps(ctx: AppContext, staff: SignedInStaff, requestId: string, form: FormData, params: URLSearchParams): Promise<SearchOutcome> {
  const q = String(form.get("q") ?? "").trim();
  if (q.length < 2 || q.length > SEARCH_MAX) return { intent: "search", ok: false, error: "fields", q: q.slice(0, SEARCH_MAX) };
  const { request } = await getRequestForOps(ctx, { requestId, staffId: staff.user.id }).catch((error: unknown) => {
    throw isAppError(error, "not_found") ? new Response("Not found", { status: 404 }) : error;
  });
  if (request.state !== "in_review") return { intent: "search", ok: false, error: "fields", q };
  const pageParams = new URLSearchParams(params);
  pageParams.set("page", String(form.get("page") ?? "1"));
  const review = await loadReview(ctx, staff, request, parseReviewFilter(pageParams, q), false);
  return { intent: "search", ok: true, q, page: review.page };
}

import fs from "node:fs/promises";
import { collectPersonData } from "../collection/collect-person-data";
import { computePeriod, type PeriodKind } from "../collection/compute-period";
import { insertSourceRuns } from "../connectors/source-runs.repository";
import { keepSourcePools } from "../connectors/sql/keep-source-pools";
import type { AppContext } from "../context";
import { getDatamap } from "../datamap/get-datamap";
import { getReportKey } from "../delivery/report-key";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import type { JobRunContext } from "../jobs/job-types";
import { nowDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { parseJsonColumn } from "../../db/client";
import { needsHumanReview } from "../requests/needs-human-review";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { findRequestById } from "../requests/requests.repository";
import { transitionRequest } from "../requests/transition-request";
import { listVerificationEvidence } from "../verification/verification-evidence.repository";
import { buildRenderJob, type RequestJobPayload } from "./pipeline-jobs";
import { prepareReviewIndex } from "./prepare-review-index";
import { spoolPaths } from "./spool-paths";

/**
 * This process's PostgreSQL and MySQL source pools, kept from one collection to the next instead
 * of a new connection per collection (ADR 064); SQLite sources are opened per collection.
 */
const sourcePools = keepSourcePools();

/** Ends the kept source pools (a stopping worker). */
export function closeSourcePools(): Promise<void> {
  return sourcePools.close();
}

/**
 * The collect_request job: gathers the verified person's data into the request's spool, then
 * hands the request to review or, where REVIEW_REQUIRED lets it, straight to rendering (R42).
 *
 * Only verified identifiers seed the identity graph: the e-mail (its code was entered) and the
 * phone or customer number when verification matched them (11 CCR 7062: we disclose about the
 * person we verified, not about whoever typed a number). An incomplete collection (a source failed
 * or timed out) throws, so the job retries with backoff and, if the source stays down, is
 * dead-lettered where ops see it: never released as if complete (X22; 7024(h)-(i)).
 * Idempotent: a request no longer collecting is left alone; a rerun rewrites the same spool.
 */
export async function collectRequestData(ctx: AppContext, { requestId }: RequestJobPayload, run: JobRunContext): Promise<void> {
  const request = await findRequestById(ctx.db, requestId);
  if (!request) throw new AppError("not_found");
  if (request.state !== "collecting") return;

  const matched = new Set((await listVerificationEvidence(ctx.db, requestId)).flatMap((e) => parseJsonColumn<string[]>(e.matched_points)));
  const identifiers: Record<string, string | undefined> = { email: request.subject_email };
  if (matched.has("phone") && request.subject_phone) identifiers.phone = request.subject_phone;

  const paths = spoolPaths(ctx.env, requestId);
  await fs.mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const summary = await collectPersonData({
    datamap: await getDatamap(ctx),
    identifiers,
    period: computePeriod({ receivedOn: request.receipt_date, kind: request.period as PeriodKind }),
    spoolPath: paths.spool,
    spoolKey: getReportKey(ctx.env),
    env: sourceEnvironment(ctx.env),
    logger: ctx.logger.child({ requestId, jobId: run.jobId }),
    sourcePools,
  });
  // Connectors health (/ops/connectors): one row per source, ids and codes only, failed runs too.
  const ranAt = nowDbTime();
  await insertSourceRuns(
    ctx.db,
    summary.sources.map((s) => ({ id: newId(), request_id: requestId, source_id: s.sourceId, status: s.status, records: s.records, duration_ms: Math.round(s.durationMs), error_code: s.errorCode ?? null, created_at: ranAt })),
  );
  if (!summary.complete) throw new AppError("collection_incomplete", { sources: summary.sources.filter((s) => s.status !== "ok").map((s) => s.sourceId) });
  if (run.signal.aborted) return;

  // A specific-pieces request verified only for categories is answered as categories (M-UNV-SP),
  // so the review policy sees what will be disclosed, not what was asked.
  const disclosedType = request.type === "specific" && request.verification_level !== "reasonably_high" ? "categories" : request.type;
  const review = needsHumanReview({ type: disclosedType, agentId: request.agent_id }, ctx.env.REVIEW_REQUIRED);
  if (review) await prepareReviewIndex(ctx, request, run);
  await transitionRequest(ctx, {
    requestId,
    to: review ? "in_review" : "approved",
    actor: SYSTEM_ACTOR,
    expectedVersion: request.version,
    current: request,
    jobs: review ? [] : [buildRenderJob(requestId, request.version + 1)],
  });
}

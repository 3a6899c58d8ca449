import type { AppContext } from "../context";
import type { JobRunContext } from "../jobs/job-types";
import type { RequestsTable } from "../../db/schema";
import { buildReviewIndex } from "../review/build-review-index";
import { findRequesterIdentifiers } from "../review/find-requester-identifiers";
import { reviewSpoolFiles } from "../review/read-spool-page";

/**
 * The review desk's index of a freshly written spool (offsets and mention places, ADR 037/038),
 * built by the collect_request job once the spool is complete and before the request enters review
 * (ADR 043): the first page a reviewer opens reads the index, never builds it. A separate step after
 * the spool, not part of writing it: the index needs the customer list's answer for the whole
 * spool's candidates. A failed build does not fail the collection: the page builds the index itself
 * then (ensureReviewIndex). Logged without its message, which could quote a value.
 */
export async function prepareReviewIndex(ctx: AppContext, request: Pick<RequestsTable, "id" | "subject_email" | "subject_phone" | "subject_name">, run: JobRunContext): Promise<void> {
  const started = performance.now();
  try {
    const requester = await findRequesterIdentifiers(ctx, { email: request.subject_email, phone: request.subject_phone, name: request.subject_name });
    const index = await buildReviewIndex(ctx, { files: reviewSpoolFiles(ctx.env, request.id), requester });
    ctx.logger.info({ requestId: request.id, jobId: run.jobId, records: index.recordCount, mentions: index.mentions.length, ms: Math.round(performance.now() - started) }, "review index built");
  } catch (error) {
    ctx.logger.warn({ requestId: request.id, jobId: run.jobId, error: error instanceof Error ? error.name : "unknown" }, "review index not built; the first review page builds it");
  }
}

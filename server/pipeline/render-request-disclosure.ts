import fs from "node:fs";
import path from "node:path";
import type { CollectionSummary } from "../collection/collection-types.shared";
import type { AppContext } from "../context";
import { fileStoreConfigs } from "../connectors/files/file-store-config";
import { getDatamap } from "../datamap/get-datamap";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import { getReportKey } from "../delivery/report-key";
import { storeReport } from "../delivery/store-report";
import { buildMailJob } from "../jobs/job-payloads";
import type { JobRunContext } from "../jobs/job-types";
import { fromDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import type { RequestChannel, RequestLanguage, RequestType } from "../requests/request-fields.shared";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { findRequestById } from "../requests/requests.repository";
import { listWithholdings } from "../review/list-withholdings";
import { removeReviewIndexFile } from "../review/read-spool-page";
import { transitionRequest } from "../requests/transition-request";
import type { RequestJobPayload } from "./pipeline-jobs";
import { renderDisclosureInChild } from "./render-disclosure-in-child";
import { spoolPaths } from "./spool-paths";

const DAY_MS = 86_400_000;

/**
 * The render_disclosure job: renders the JSON, the PDF and the download bundle (ZIP) from the request's spool, stores all three
 * encrypted, marks the request delivered and enqueues the "ready" notice, then deletes the spool.
 * A specific-pieces request verified only to the categories standard is rendered as categories
 * with M-UNV-SP (11 CCR 7062(f); X1). Fields a reviewer withheld (server/review) are left out of the
 * specific pieces and listed as withheld by our reviewer with the stated reason. Idempotent: storeReport replaces a report of the same
 * format, and a request no longer approved is left alone.
 */
export async function renderRequestDisclosure(ctx: AppContext, { requestId }: RequestJobPayload, run: JobRunContext): Promise<void> {
  const request = await findRequestById(ctx.db, requestId);
  if (!request) throw new AppError("not_found");
  if (request.state !== "approved") return;
  const paths = spoolPaths(ctx.env, requestId);
  const summary = JSON.parse(await fs.promises.readFile(paths.summary, "utf8")) as CollectionSummary;
  const datamap = await getDatamap(ctx);
  const { business } = datamap.map;
  const completedAt = new Date();
  // The reviewer's decisions (R42, X21): their values are left out, and the document says so and why.
  const reviewWithholdings = (await listWithholdings(ctx, requestId)).map(({ id, fieldId, recordKey, reasonCode, reasonText, matchText }) => ({ id, fieldId, recordKey, reasonCode, reasonText, matchText }));

  // Rendered plaintext stays in the spool folder (mode 700 under DATA_DIR), never in a shared /tmp.
  const work = await fs.promises.mkdtemp(path.join(paths.dir, `render-${requestId}-`));
  try {
    const files = { json: path.join(work, "disclosure.json"), pdf: path.join(work, "disclosure.pdf"), zip: path.join(work, "disclosure.zip") };
    // In a warm render process with a capped heap: memory stays bounded however many records (ADR 015, 047).
    await renderDisclosureInChild({
      input: {
        request: {
          id: request.id,
          type: request.type as RequestType,
          receivedAt: fromDbTime(request.received_at).toISOString(),
          receiptDate: request.receipt_date,
          dueDate: request.extended_due_date ?? request.due_date,
          completedAt: completedAt.toISOString(),
          period: summary.period,
          channel: request.channel as RequestChannel,
          submittedBy: request.agent_id ? "agent" : "consumer",
          language: request.language as RequestLanguage,
        },
        business: { name: business.name, legalName: business.legalName, contactEmail: business.contactEmail, privacyPolicyUrl: business.privacyPolicyUrl },
        verificationLevel: request.verification_level === "reasonably_high" ? "reasonably_high" : "reasonable",
        downgraded: request.type === "specific" && request.verification_level !== "reasonably_high",
        summary,
        reviewWithholdings,
      },
      spoolPath: paths.spool,
      spoolKey: getReportKey(ctx.env),
      publicUrl: ctx.env.PUBLIC_URL,
      pdfListing: ctx.env.PDF_LISTING_LIMIT,
      json: files.json,
      pdf: files.pdf,
      // The download bundle (ADR 028): the same documents, a CSV per dataset and the stored files.
      bundle: files.zip,
      fileStores: fileStoreConfigs(datamap.map, sourceEnvironment(ctx.env), datamap.baseDir),
    }, { maxRenders: ctx.env.RENDER_PROCESS_RENDERS });
    if (run.signal.aborted) return;
    const expiresAt = new Date(completedAt.getTime() + ctx.env.REPORT_RETENTION_DAYS * DAY_MS);
    for (const format of ["json", "pdf", "zip"] as const) {
      await storeReport(ctx, { requestId, format, content: fs.createReadStream(files[format]), expiresAt });
    }
  } finally {
    await fs.promises.rm(work, { recursive: true, force: true });
  }
  await transitionRequest(ctx, {
    requestId,
    to: "delivered",
    actor: SYSTEM_ACTOR,
    expectedVersion: request.version,
    current: request,
    jobs: [buildMailJob("report_ready", requestId)],
  });
  await fs.promises.rm(paths.spool, { force: true });
  await fs.promises.rm(paths.summary, { force: true });
  await removeReviewIndexFile(paths);
}

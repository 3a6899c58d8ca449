import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import type { CollectionSummary } from "../collection/collection-types.shared";
import type { CollectionPeriod } from "../collection/compute-period";
import { REPORT_USAGE } from "../cli-usage";
import { describePersonIssues, personIdentifiers, personPeriod, PersonOptionsSchema } from "../collection/person-options";
import { sealSpool } from "../collection/spool-cipher";
import { newId } from "../lib/ids";
import { computeDeadlines } from "../requests/compute-deadlines";
import { REQUEST_LANGUAGES, REQUEST_TYPES } from "../requests/request-fields.shared";
import type { DisclosureBusiness } from "./disclosure-input";
import { renderDisclosure, type RenderedDisclosure } from "./render-disclosure";
import type { FileStoreConfig } from "../connectors/files/file-store-config";

/** The options as node:util parseArgs returns them (strings); validated here, refused by name. */
export const ReportCommandOptionsSchema = PersonOptionsSchema.extend({
  type: z.enum(REQUEST_TYPES, "--type must be categories or specific").default("specific"),
  lang: z.enum(REQUEST_LANGUAGES, "--lang must be en or es").default("en"),
  json: z.string("--json names the JSON file to write").min(1),
  pdf: z.string("--pdf names the PDF file to write").min(1),
  bundle: z.string("--bundle names the ZIP file to write").min(1).optional(),
});
export type ReportCommandOptions = z.input<typeof ReportCommandOptionsSchema>;

/** Runs a collection into `spoolPath` (an NDJSON spool) and returns its summary: collectPersonData. */
export type ReportCollect = (request: { identifiers: Record<string, string | undefined>; period: CollectionPeriod; spoolPath: string; spoolKey: Buffer }) => Promise<CollectionSummary>;

export interface ReportCommandDeps {
  collect: ReportCollect;
  business: DisclosureBusiness;
  /** env.PUBLIC_URL, for the JSON's `$schema`. */
  publicUrl: string;
  /** env.PDF_LISTING_LIMIT (ADR 032); default 1,000 records per dataset. */
  pdfListing?: number | "full";
  /** The map's file stores, for the stored files a bundle copies. */
  fileStores?: Readonly<Record<string, FileStoreConfig>>;
  now?: () => Date;
  print?: (line: string) => void;
}

/**
 * `rtk report`: collects a person's data and renders both disclosure documents, for operators who
 * verified the person outside the portal (a categories request at the "reasonable" level, specific
 * pieces at "reasonably high", 11 CCR 7062). The spool lives in a private temporary directory and
 * is deleted afterwards; output names files and counts, never the e-mail or any data. An
 * incomplete collection is still rendered, flagged, for review; it must not be released (X22).
 * Throws an Error whose message names the bad option (never its value) on invalid options.
 */
export async function runReportCommand(rawOptions: ReportCommandOptions, deps: ReportCommandDeps): Promise<RenderedDisclosure & { complete: boolean }> {
  const parsed = ReportCommandOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) throw new Error(`${describePersonIssues(parsed.error.issues).join("\n")}\nUsage: ${REPORT_USAGE}`);
  const options = parsed.data;
  const print = deps.print ?? ((line: string) => console.log(line));
  const now = deps.now ?? (() => new Date());
  // A given receipt day is taken at noon UTC: the same calendar day in California and in UTC.
  const receivedAt = options.received ? new Date(`${options.received}T12:00:00Z`) : now();
  const deadlines = computeDeadlines({ receivedAt });
  const period = personPeriod({ ...options, received: deadlines.receiptDate }, receivedAt);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-report-"));
  try {
    const spoolPath = path.join(dir, "spool.ndjson");
    // The spool lives only for this run: a key of its own, never stored (ADR 035).
    const spoolKey = randomBytes(32);
    const summary = await deps.collect({ identifiers: personIdentifiers(options), period, spoolPath, spoolKey });
    if (!fs.existsSync(spoolPath)) fs.writeFileSync(spoolPath, sealSpool("", spoolKey), { mode: 0o600 });
    const result = await renderDisclosure({
      input: {
        request: {
          id: newId(),
          type: options.type,
          receivedAt: deadlines.receivedAtUtc,
          receiptDate: deadlines.receiptDate,
          dueDate: deadlines.dueDate,
          completedAt: now().toISOString(),
          period: summary.period,
          channel: "ops",
          submittedBy: "consumer",
          language: options.lang,
        },
        business: deps.business,
        verificationLevel: options.type === "specific" ? "reasonably_high" : "reasonable",
        summary,
      },
      spoolPath,
      spoolKey,
      publicUrl: deps.publicUrl,
      pdfListing: deps.pdfListing,
      json: path.resolve(options.json),
      pdf: path.resolve(options.pdf),
      ...(options.bundle ? { bundle: path.resolve(options.bundle), fileStores: deps.fileStores ?? {} } : {}),
    });
    print(`Period ${summary.period.start} .. ${summary.period.end}; ${summary.recordCount} records collected, ${result.records} with specific pieces.`);
    print(`JSON: ${options.json} (${result.jsonBytes} bytes, SHA-256 ${result.jsonSha256})`);
    print(`PDF:  ${options.pdf} (${result.pdfPages} pages)`);
    if (options.bundle && result.bundle) {
      print(`ZIP:  ${options.bundle} (${result.bundle.bytes} bytes, ${result.bundle.entries} files, SHA-256 ${result.bundle.sha256})`);
      if (result.bundle.notIncluded > 0) print(`${result.bundle.notIncluded} stored file(s) could not be copied (missing or changed since collection); README.txt lists them.`);
    }
    if (!summary.complete) print("INCOMPLETE: a source failed; this disclosure must not be released.");
    return { ...result, complete: summary.complete };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

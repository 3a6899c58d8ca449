import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { newId } from "../lib/ids";
import { encryptStream } from "./encrypt-stream";
import { getReportKey } from "./report-key";
import { deleteReport, findReport, insertReport, insertReportUnlessTaken, type ReportFormat, type ReportRow } from "./reports.repository";
import { selectReportStorage } from "./select-report-storage";

export interface StoreReportInput {
  requestId: string;
  format: ReportFormat;
  /** The rendered report, streamed: it is hashed and encrypted on the way through, never buffered. */
  content: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | Readable;
  /** End of the download window; purge-expired-reports deletes the bytes after it. */
  expiresAt: Date;
}

export interface StoredReport {
  id: string;
  storage: string;
  sha256: string;
  sizeBytes: number;
  /** The report this one replaced (a retried render), if any. */
  replacedId: string | null;
}

/**
 * Encrypts and stores a rendered report, and records it as THE report of that format for the
 * request. A retried render replaces the earlier one (row and bytes), so a request never has two
 * JSON or two PDF reports and old copies do not linger (DESIGN.md §7: jobs are idempotent).
 *
 * The SHA-256 of the plaintext is computed while streaming; the PDF footer shows it and
 * open-report checks it on every download (R32).
 */
export async function storeReport(ctx: AppContext, input: StoreReportInput): Promise<StoredReport> {
  const key = getReportKey(ctx.env);
  const storage = selectReportStorage(ctx.env, ctx.env.REPORT_STORAGE);
  const reportId = newId();
  const hash = createHash("sha256");
  let sizeBytes = 0;
  async function* measured(): AsyncGenerator<Buffer> {
    for await (const raw of input.content) {
      const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : Buffer.from(raw);
      hash.update(chunk);
      sizeBytes += chunk.length;
      yield chunk;
    }
  }

  // The report id is bound into every segment, so these bytes only ever open as this report.
  const staged = await storage.stage({ reportId, blob: encryptStream(measured(), { key, context: Buffer.from(reportId) }) });
  const sha256 = hash.digest("hex");
  let committed = false;
  let replaced: ReportRow | undefined;
  const row = {
    id: reportId,
    request_id: input.requestId,
    format: input.format,
    storage: storage.kind,
    storage_key: staged.storageKey,
    sha256,
    size_bytes: sizeBytes,
    created_at: toDbTime(new Date()),
    expires_at: toDbTime(input.expiresAt),
    purged_at: null,
  };
  try {
    // The usual case, a first render, stored on disk: one autocommitted INSERT, not a transaction
    // of four statements (ADR 055). The unique (request_id, format) index refuses it when a report
    // is already there, and the retried render then replaces it below. Disk bytes need nothing in
    // the transaction (their commit is a no-op); database chunks must commit with the row.
    const inserted = storage.kind === "disk" && (await insertReportUnlessTaken(ctx.db, row));
    if (!inserted) {
      replaced = await ctx.db.transaction().execute(async (tx) => {
        const old = await findReport(tx, { requestId: input.requestId, format: input.format });
        if (old) {
          // Chunks go in the same transaction; a file can only go once the swap has committed.
          if (old.storage === "database") await selectReportStorage(ctx.env, old.storage).remove(tx, old.storage_key);
          await deleteReport(tx, old.id);
        }
        await insertReport(tx, row);
        await staged.commit(tx);
        return old;
      });
    }
    committed = true;
  } finally {
    await staged.release(committed);
  }

  if (replaced && replaced.storage === "disk" && !replaced.purged_at) {
    try {
      await selectReportStorage(ctx.env, "disk").remove(ctx.db, replaced.storage_key);
    } catch (error) {
      // The new report is committed; a leftover file is swept by purge-expired-reports later.
      ctx.logger.warn({ reportId: replaced.id, errorCode: (error as NodeJS.ErrnoException).code }, "could not remove replaced report file");
    }
  }
  ctx.logger.info({ reportId, requestId: input.requestId, format: input.format, storage: storage.kind, sizeBytes }, "report stored");
  return { id: reportId, storage: storage.kind, sha256, sizeBytes, replacedId: replaced?.id ?? null };
}

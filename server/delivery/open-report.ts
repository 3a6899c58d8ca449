import { createHash, timingSafeEqual } from "node:crypto";
import { Readable } from "node:stream";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { ReportBlobError } from "./blob-format";
import { decryptStream } from "./decrypt-stream";
import { getReportKey } from "./report-key";
import { findReport, type ReportFormat } from "./reports.repository";
import { selectReportStorage } from "./select-report-storage";

export interface OpenedReport {
  id: string;
  requestId: string;
  format: ReportFormat;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
  expiresAt: string;
}

export type OpenReportResult =
  | { ok: true; report: OpenedReport; stream: Readable }
  /** expired: the download window ended (bytes purged or about to be); the consumer may ask again. */
  | { ok: false; code: "not_found" | "expired" };

/**
 * Opens a stored report for download. The caller has already resolved a download link or checked
 * the requester's access (11 CCR 7024(a), X9, X10); this only decrypts and verifies.
 *
 * The stream yields plaintext segment by segment, each authenticated before release. At the end
 * the plaintext's SHA-256 and size are compared with the row; a mismatch, or any tampering or
 * truncation of the stored bytes, destroys the stream with a ReportBlobError, so the HTTP
 * response is aborted rather than completed with a wrong report.
 */
export async function openReport(
  ctx: AppContext,
  input: { requestId: string; format: ReportFormat; now?: Date },
): Promise<OpenReportResult> {
  const found = await findReport(ctx.db, { requestId: input.requestId, format: input.format });
  if (!found) return { ok: false, code: "not_found" };
  const row = found;
  if (row.purged_at || row.expires_at < toDbTime(input.now ?? new Date())) return { ok: false, code: "expired" };

  const key = getReportKey(ctx.env);
  const storage = selectReportStorage(ctx.env, row.storage);
  const expectedSize = Number(row.size_bytes);
  async function* verified(): AsyncGenerator<Buffer> {
    const hash = createHash("sha256");
    let size = 0;
    try {
      for await (const chunk of decryptStream(storage.read(ctx.db, row.storage_key), { key, context: Buffer.from(row.id) })) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
      const actual = hash.digest();
      const expected = Buffer.from(row.sha256, "hex");
      if (size !== expectedSize || expected.length !== actual.length || !timingSafeEqual(actual, expected)) {
        throw new ReportBlobError("report content does not match its recorded SHA-256");
      }
    } catch (error) {
      // A security event for ops (possible tampering); ids only, never content.
      ctx.logger.error({ reportId: row.id, error: (error as Error).message }, "report failed integrity check");
      throw error;
    }
  }

  return {
    ok: true,
    report: {
      id: row.id,
      requestId: row.request_id,
      format: row.format as ReportFormat,
      sha256: row.sha256,
      sizeBytes: expectedSize,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    },
    stream: Readable.from(verified(), { objectMode: false }),
  };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { deleteReportChunks, findReportChunk, insertReportChunk } from "./report-chunks.repository";
import type { ReportStorage } from "./report-storage";

/** Small enough for MySQL's default max_allowed_packet, large enough to keep round trips few. */
export const CHUNK_SIZE = 256 * 1024;

/** Re-cuts a byte stream into exact CHUNK_SIZE pieces (the last one shorter). */
async function* rechunk(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    pending.push(chunk);
    length += chunk.length;
    if (length < CHUNK_SIZE) continue;
    const joined = Buffer.concat(pending, length);
    let offset = 0;
    for (; joined.length - offset >= CHUNK_SIZE; offset += CHUNK_SIZE) {
      yield Buffer.from(joined.subarray(offset, offset + CHUNK_SIZE));
    }
    pending = [Buffer.from(joined.subarray(offset))];
    length = joined.length - offset;
  }
  if (length > 0) yield Buffer.concat(pending, length);
}

/**
 * Reports as rows of `report_chunks` (REPORT_STORAGE=database), so every web instance can serve
 * every download. The storage key is the report id (the chunks' foreign key).
 *
 * The ciphertext is staged in a private temp file first and copied into the chunks inside the
 * transaction that inserts the `reports` row: either the row and all its chunks commit, or
 * nothing does, and the transaction does not wait on the renderer.
 */
export function createDatabaseReportStorage(): ReportStorage {
  return {
    kind: "database",
    async stage({ reportId, blob }) {
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "rtk-report-"));
      const temp = path.join(dir, "blob");
      try {
        await pipeline(Readable.from(blob), fs.createWriteStream(temp, { flags: "wx", mode: 0o600 }));
      } catch (error) {
        await fs.promises.rm(dir, { recursive: true, force: true });
        throw error;
      }
      return {
        storageKey: reportId,
        async commit(tx) {
          let seq = 0;
          for await (const data of rechunk(fs.createReadStream(temp, { highWaterMark: CHUNK_SIZE }))) {
            await insertReportChunk(tx, { reportId, seq: seq++, data });
          }
        },
        async release() {
          // Committed or rolled back, the temp copy has served its purpose.
          await fs.promises.rm(dir, { recursive: true, force: true });
        },
      };
    },
    async *read(db, storageKey) {
      for (let seq = 0; ; seq++) {
        const data = await findReportChunk(db, { reportId: storageKey, seq });
        // A missing chunk ends the stream; a gap or a cut then fails decryption (blob-format.ts).
        if (!data) return;
        yield data;
      }
    },
    async remove(db, storageKey) {
      await deleteReportChunks(db, storageKey);
    },
  };
}

import { createBlobCipher, DEFAULT_SEGMENT_SIZE } from "./blob-format";

export interface EncryptStreamOptions {
  /** The 32-byte master key (server/delivery/report-key.ts). */
  key: Buffer;
  /** Bound to every segment; decryption must pass the same bytes (we use the report id). */
  context?: Buffer;
  /** Plaintext bytes per segment; the default suits reports, tests use small ones. */
  segmentSize?: number;
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  return typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Encrypts a plaintext stream into the blob format of blob-format.ts, yielding the header and then
 * one sealed segment at a time, so a 100 MB report needs about one segment of memory.
 *
 * A segment is sealed as "not last" only once at least one more plaintext byte is known to follow;
 * whatever remains at the end (possibly nothing) is sealed as the last segment. That is what lets
 * the reader detect a blob cut at a segment boundary.
 *
 * @example
 * await pipeline(Readable.from(encryptStream(renderPdf(model), { key, context: Buffer.from(reportId) })), file);
 */
export async function* encryptStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: EncryptStreamOptions,
): AsyncGenerator<Buffer, void, undefined> {
  const cipher = createBlobCipher(options.key, options.context ?? Buffer.alloc(0), options.segmentSize ?? DEFAULT_SEGMENT_SIZE);
  const size = cipher.segmentSize;
  yield cipher.header;

  let pending: Buffer[] = [];
  let pendingLength = 0;
  let index = 0;
  for await (const raw of source) {
    const chunk = toBuffer(raw);
    if (chunk.length === 0) continue;
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength <= size) continue;
    // One concat per overflow, then slices: a single huge chunk costs linear, not quadratic, time.
    const joined = Buffer.concat(pending, pendingLength);
    let offset = 0;
    while (joined.length - offset > size) {
      yield cipher.seal(index++, false, joined.subarray(offset, offset + size));
      offset += size;
    }
    // Copy the tail so the large joined buffer can be collected.
    pending = [Buffer.from(joined.subarray(offset))];
    pendingLength = joined.length - offset;
  }
  yield cipher.seal(index, true, Buffer.concat(pending, pendingLength));
}

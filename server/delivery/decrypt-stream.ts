import { HEADER_LENGTH, readBlobCipher, ReportBlobError, TAG_LENGTH, type BlobCipher } from "./blob-format";

export interface DecryptStreamOptions {
  key: Buffer;
  /** The same context bytes given to encryptStream (the report id). */
  context?: Buffer;
}

/**
 * Decrypts a blob made by encryptStream, yielding plaintext one verified segment at a time.
 *
 * A segment's plaintext is yielded only after its GCM tag checked out, so a consumer never sees an
 * unauthenticated byte (11 CCR 7024(f): reasonable security when transmitting). Tampering, a wrong
 * key or context, a cut anywhere (including at a segment boundary) or appended bytes end the
 * stream with a ReportBlobError; the segments before the fault are authentic but the whole report
 * is not, so callers must treat the error as a failed download, not a short one.
 */
export async function* decryptStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: DecryptStreamOptions,
): AsyncGenerator<Buffer, void, undefined> {
  const context = options.context ?? Buffer.alloc(0);
  let cipher: BlobCipher | null = null;
  let stored = 0;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let index = 0;

  for await (const raw of source) {
    const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (chunk.length === 0) continue;
    pending.push(chunk);
    pendingLength += chunk.length;
    if (!cipher) {
      if (pendingLength < HEADER_LENGTH) continue;
      const joined = Buffer.concat(pending, pendingLength);
      cipher = readBlobCipher(options.key, joined.subarray(0, HEADER_LENGTH), context);
      stored = cipher.segmentSize + TAG_LENGTH;
      pending = [joined.subarray(HEADER_LENGTH)];
      pendingLength = joined.length - HEADER_LENGTH;
    }
    // Strictly more than one stored segment: only then is the first one known not to be the last.
    if (pendingLength <= stored) continue;
    const joined = Buffer.concat(pending, pendingLength);
    let offset = 0;
    while (joined.length - offset > stored) {
      yield cipher.open(index++, false, joined.subarray(offset, offset + stored));
      offset += stored;
    }
    pending = [Buffer.from(joined.subarray(offset))];
    pendingLength = joined.length - offset;
  }

  if (!cipher) throw new ReportBlobError("report blob is truncated");
  // The remainder must be the last segment: between a bare tag (empty) and one full segment.
  yield cipher.open(index, true, Buffer.concat(pending, pendingLength));
}

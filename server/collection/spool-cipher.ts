import fs from "node:fs";
import { createBlobCipher, HEADER_LENGTH, readBlobCipher, ReportBlobError, TAG_LENGTH, type BlobCipher } from "../delivery/blob-format";

/**
 * The spool at rest (ADR 035). A spool holds a person's collected data while the request waits
 * for review, hours or days, so it is encrypted with the reports' key in the reports' own blob
 * format (server/delivery/blob-format.ts: AES-256-GCM segments, STREAM nonces, per-file HKDF key).
 * Only the additional data differs: SPOOL_CONTEXT, so a spool can never pass for a report.
 *
 * Segments hold a fixed number of plaintext bytes, so plaintext offset X lives in segment
 * floor(X / S) at a ciphertext offset known without reading anything before it: a reader can start
 * at any offset (openSpoolReader), authenticating only the segments it touches. Which segment is
 * last comes from the file's size; a file cut anywhere fails at its (new) last segment.
 */
export const SPOOL_CONTEXT = Buffer.from("rtk-spool-v1", "ascii");
/** Plaintext bytes per segment: a random read costs at most about two of them. */
export const SPOOL_SEGMENT_SIZE = 64 * 1024;

/** The spool file is not an authentic spool (plaintext, tampered, cut, or another key). */
export class SpoolCipherError extends Error {
  override name = "SpoolCipherError";
}

/** A new cipher (and header) for writing a spool. */
export function createSpoolCipher(key: Buffer, segmentSize = SPOOL_SEGMENT_SIZE): BlobCipher {
  return createBlobCipher(key, SPOOL_CONTEXT, segmentSize);
}

/** A whole spool's plaintext, sealed at once: for tests and benchmarks that build spools in memory. */
export function sealSpool(plaintext: string | Buffer, key: Buffer, segmentSize = SPOOL_SEGMENT_SIZE): Buffer {
  const bytes = typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext;
  const cipher = createSpoolCipher(key, segmentSize);
  const parts = [cipher.header];
  const count = Math.max(1, Math.ceil(bytes.length / segmentSize));
  for (let i = 0; i < count; i++) parts.push(cipher.seal(i, i === count - 1, bytes.subarray(i * segmentSize, (i + 1) * segmentSize)));
  return Buffer.concat(parts);
}

/** A whole sealed spool's plaintext (tests; real readers use openSpoolReader). */
export function unsealSpool(stored: Buffer, key: Buffer): Buffer {
  const layout = spoolLayout(stored.length, key, stored.subarray(0, HEADER_LENGTH));
  const parts: Buffer[] = [];
  for (let i = 0; i < layout.segments; i++) {
    const from = HEADER_LENGTH + i * layout.stride;
    parts.push(layout.cipher.open(i, i === layout.segments - 1, stored.subarray(from, Math.min(stored.length, from + layout.stride))));
  }
  return Buffer.concat(parts);
}

/** A spool opened for reading at any plaintext offset, like a FileHandle of the plaintext. */
export interface SpoolReader {
  /** Plaintext bytes in the spool. */
  readonly size: number;
  /**
   * Up to `length` plaintext bytes from plaintext offset `position` into `buffer` at `offset`
   * (fewer at the end); decrypts and authenticates only the segments the range touches, keeping
   * the last one for a read that continues where this one ended. One read at a time.
   */
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

interface Layout {
  cipher: BlobCipher;
  stride: number;
  segments: number;
  size: number;
}

function spoolLayout(stored: number, key: Buffer, header: Buffer): Layout {
  if (stored < HEADER_LENGTH + TAG_LENGTH) throw new SpoolCipherError("spool: the file is not an encrypted spool");
  let cipher: BlobCipher;
  try {
    cipher = readBlobCipher(key, Buffer.from(header), SPOOL_CONTEXT);
  } catch (error) {
    if (error instanceof ReportBlobError) throw new SpoolCipherError("spool: the file is not an encrypted spool");
    throw error;
  }
  const stride = cipher.segmentSize + TAG_LENGTH;
  const body = stored - HEADER_LENGTH;
  const segments = Math.max(1, Math.ceil(body / stride));
  const lastStored = body - (segments - 1) * stride;
  if (lastStored < TAG_LENGTH) throw new SpoolCipherError("spool: the encrypted spool is cut short");
  return { cipher, stride, segments, size: (segments - 1) * cipher.segmentSize + lastStored - TAG_LENGTH };
}

/**
 * Opens an encrypted spool for reading from any plaintext offset: the one way to read a spool
 * (renderers, review preview, review paging over a byte-offset index of records). A failed
 * authentication throws SpoolCipherError naming the segment's plaintext offset, never any text.
 *
 * @example
 * const reader = await openSpoolReader(file, getReportKey(env));
 * const { bytesRead } = await reader.read(buffer, 0, 4096, recordStart);
 */
export async function openSpoolReader(file: string, key: Buffer): Promise<SpoolReader> {
  const handle = await fs.promises.open(file, "r");
  try {
    const { size: stored } = await handle.stat();
    const header = Buffer.alloc(HEADER_LENGTH);
    await handle.read(header, 0, HEADER_LENGTH, 0);
    const { cipher, stride, segments, size } = spoolLayout(stored, key, header);
    const segmentSize = cipher.segmentSize;
    let cached: { index: number; plain: Buffer } | null = null;
    const open = (index: number, sealed: Buffer): Buffer => {
      try {
        return cipher.open(index, index === segments - 1, sealed);
      } catch (error) {
        if (error instanceof ReportBlobError) throw new SpoolCipherError(`spool: the segment at byte ${index * segmentSize} failed authentication`);
        throw error;
      }
    };
    return {
      size,
      async read(buffer, offset, length, position) {
        const want = Math.min(length, size - position, buffer.length - offset);
        if (want <= 0) return { bytesRead: 0 };
        const first = Math.floor(position / segmentSize);
        const last = Math.floor((position + want - 1) / segmentSize);
        const copy = (index: number, plain: Buffer) => {
          const from = Math.max(position, index * segmentSize);
          const to = Math.min(position + want, index * segmentSize + plain.length);
          plain.copy(buffer, offset + from - position, from - index * segmentSize, to - index * segmentSize);
        };
        let next = first;
        if (cached?.index === first) {
          copy(first, cached.plain);
          next += 1;
        }
        if (next <= last) {
          const from = HEADER_LENGTH + next * stride;
          const sealed = Buffer.allocUnsafe(Math.min(stored, HEADER_LENGTH + (last + 1) * stride) - from);
          const { bytesRead } = await handle.read(sealed, 0, sealed.length, from);
          if (bytesRead !== sealed.length) throw new SpoolCipherError("spool: the encrypted spool changed while it was read");
          for (let index = next; index <= last; index++) {
            const at = (index - next) * stride;
            const plain = open(index, sealed.subarray(at, Math.min(sealed.length, at + stride)));
            copy(index, plain);
            cached = { index, plain };
          }
        }
        return { bytesRead: want };
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

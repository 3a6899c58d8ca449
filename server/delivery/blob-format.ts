import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * The encrypted report blob, format version 1. Reports are encrypted at rest because a leaked file
 * or table would otherwise disclose a consumer's data (11 CCR 7024(f); 1798.150; R32).
 *
 *   header, 32 bytes:  "RTKR" | version 0x01 | segment size S (uint32 BE) | salt (16) | nonce prefix (7)
 *   segments:          AES-256-GCM ciphertext of S plaintext bytes + 16-byte tag, repeated;
 *                      the last segment holds 0..S bytes (an empty report is one empty last segment)
 *
 * - Each blob has its own key, HKDF-SHA256(master key, salt, "rtk-report-blob-v1"), so nonces can
 *   never repeat across blobs however many reports one master key encrypts.
 * - Segment i's nonce is prefix | i (uint32 BE) | 0x01 if last else 0x00 (the STREAM construction,
 *   Hoang et al. 2015): reordering, dropping or appending segments, or cutting the blob at a
 *   segment boundary, all fail authentication.
 * - Every segment's additional data is the header plus the caller's context (the report id), so a
 *   changed header or a blob copied under another report fails at its first segment.
 * - Segments are verified one at a time before their plaintext is released: memory stays at about
 *   one segment, and no unauthenticated byte ever reaches a consumer.
 */
export const BLOB_MAGIC = Buffer.from("RTKR", "ascii");
export const BLOB_VERSION = 1;
export const HEADER_LENGTH = 32;
export const TAG_LENGTH = 16;
export const DEFAULT_SEGMENT_SIZE = 64 * 1024;
/** A header is only authenticated with the first segment, so bound what a forged one can make us buffer. */
export const MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
const MAX_SEGMENTS = 0xffff_ffff;
const HKDF_INFO = Buffer.from("rtk-report-blob-v1", "ascii");

/** The blob is not a valid, authentic report: tampered, truncated, wrong key or wrong report. */
export class ReportBlobError extends Error {
  override name = "ReportBlobError";
}

export interface BlobCipher {
  header: Buffer;
  segmentSize: number;
  seal(index: number, isLast: boolean, plaintext: Buffer): Buffer;
  /** seal()'s bytes as parts (ciphertext, tag), for a writer that hands them on without joining them. */
  sealParts(index: number, isLast: boolean, plaintext: Buffer): Buffer[];
  open(index: number, isLast: boolean, segment: Buffer): Buffer;
}

function buildCipher(masterKey: Buffer, header: Buffer, context: Buffer): BlobCipher {
  if (masterKey.length !== 32) throw new RangeError("report encryption key must be 32 bytes");
  const segmentSize = header.readUInt32BE(5);
  const key = Buffer.from(hkdfSync("sha256", masterKey, header.subarray(9, 25), HKDF_INFO, 32));
  const prefix = header.subarray(25, 32);
  const aad = Buffer.concat([header, context]);
  const nonce = (index: number, isLast: boolean): Buffer => {
    if (index > MAX_SEGMENTS) throw new ReportBlobError("report blob has too many segments");
    const n = Buffer.alloc(12);
    prefix.copy(n, 0);
    n.writeUInt32BE(index, 7);
    n[11] = isLast ? 1 : 0;
    return n;
  };
  const sealParts = (index: number, isLast: boolean, plaintext: Buffer): Buffer[] => {
    const cipher = createCipheriv("aes-256-gcm", key, nonce(index, isLast));
    cipher.setAAD(aad);
    const body = cipher.update(plaintext);
    // GCM's final() gives no bytes; it completes the tag.
    const rest = cipher.final();
    return rest.length > 0 ? [body, rest, cipher.getAuthTag()] : [body, cipher.getAuthTag()];
  };
  return {
    header,
    segmentSize,
    seal: (index, isLast, plaintext) => Buffer.concat(sealParts(index, isLast, plaintext)),
    sealParts,
    open(index, isLast, segment) {
      if (segment.length < TAG_LENGTH) throw new ReportBlobError("report blob is truncated");
      const decipher = createDecipheriv("aes-256-gcm", key, nonce(index, isLast));
      decipher.setAAD(aad);
      decipher.setAuthTag(segment.subarray(segment.length - TAG_LENGTH));
      const plaintext = decipher.update(segment.subarray(0, segment.length - TAG_LENGTH));
      try {
        // final() checks the tag; only then may the plaintext leave this function.
        decipher.final();
      } catch {
        throw new ReportBlobError("report blob failed authentication (tampered, truncated, or wrong key)");
      }
      return plaintext;
    },
  };
}

/** A new random header and the cipher for writing a blob under it. */
export function createBlobCipher(masterKey: Buffer, context: Buffer, segmentSize = DEFAULT_SEGMENT_SIZE): BlobCipher {
  if (!Number.isInteger(segmentSize) || segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) {
    throw new RangeError("segment size out of range");
  }
  const header = Buffer.alloc(HEADER_LENGTH);
  BLOB_MAGIC.copy(header, 0);
  header[4] = BLOB_VERSION;
  header.writeUInt32BE(segmentSize, 5);
  randomBytes(23).copy(header, 9);
  return buildCipher(masterKey, header, context);
}

/** The cipher for reading a blob that starts with `header`; rejects unknown formats up front. */
export function readBlobCipher(masterKey: Buffer, header: Buffer, context: Buffer): BlobCipher {
  if (header.length !== HEADER_LENGTH || !header.subarray(0, 4).equals(BLOB_MAGIC)) {
    throw new ReportBlobError("not a report blob");
  }
  if (header[4] !== BLOB_VERSION) throw new ReportBlobError("unsupported report blob version");
  const segmentSize = header.readUInt32BE(5);
  if (segmentSize < 1 || segmentSize > MAX_SEGMENT_SIZE) throw new ReportBlobError("report blob header is corrupt");
  return buildCipher(masterKey, Buffer.from(header), context);
}

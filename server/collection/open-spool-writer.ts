import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { finished } from "node:stream/promises";
import { type JsonBytes } from "./encode-json-bytes";
import { createSpoolCipher } from "./spool-cipher";

export interface SpoolWriter {
  /** Queues a line; returns a promise only when the caller must wait for the disk (backpressure). */
  write(line: string): Promise<void> | undefined;
  /**
   * The buffer lines may be encoded into directly (encode-json-bytes.ts), whole lines only, each
   * followed by `wrote()`: no string is made for the line (ADR 050). It may grow for a huge line.
   */
  readonly bytes: JsonBytes;
  /** Queues what was encoded into `bytes` since the last line; returns a promise as write() does. */
  wrote(): Promise<void> | undefined;
  /** Plaintext bytes queued so far: where the next line will start in the spool (spool-cipher.ts). */
  position(): number;
  close(): Promise<void>;
  /** Stops writing after a failure; the partial file is left for the caller to remove or keep. */
  destroy(): void;
  /** The write error, if the disk failed (ENOSPC...): the whole collection fails, not one source. */
  error(): Error | null;
}

/** Lines are encoded into a 1 MB buffer and sealed from it: one system call per megabyte, no giant strings. */
const CHUNK_BYTES = 1 << 20;
/** Lines encoded in place are sealed once the buffer holds this much, leaving room for the next one. */
const FLUSH_AT = CHUNK_BYTES - (64 << 10);
/**
 * Up to 1 MB may wait for the disk before the producer pauses. Source drivers such as
 * better-sqlite3 read synchronously, so this slack is what lets the disk write in the thread pool
 * while the next rows are read; memory is bounded by it, not by the size of a person's data.
 * Not more: every sealed segment is a fresh 64 KB allocation (Node's cipher gives no way to seal
 * into a buffer of ours), and 8 MB of them in flight outlived young-generation collections, were
 * freed in bulk, handed back to the system by malloc and faulted in again, 3,000-7,000 page faults
 * a 30 MB spool; 1 MB halved them and peak RSS fell 25 MB (issue 14 item 4).
 */
const HIGH_WATER_MARK = 1 << 20;

/**
 * An NDJSON spool file written encrypted (ADR 035: it holds a person's data for as long as the
 * request waits for review; mode 600, folder 700, DESIGN.md §4) with backpressure: when the
 * stream's buffer is full the producer awaits 'drain', so a slow disk slows collection down
 * instead of growing memory with the amount of data. Lines are sealed in segments of the
 * reports' blob format; a segment is sealed only once a byte after it is known (or at close(), as
 * the last one), which is what lets a reader detect a spool cut at a segment boundary.
 */
export async function openSpoolWriter(file: string, key: Buffer): Promise<SpoolWriter> {
  await fs.promises.mkdir(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const cipher = createSpoolCipher(key);
  const segment = cipher.segmentSize;
  const stream = fs.createWriteStream(file, { flags: "w", mode: 0o600, highWaterMark: HIGH_WATER_MARK });
  await once(stream, "open");
  // An existing file keeps its mode on open(2): make sure a rewritten spool is private too.
  await fs.promises.chmod(file, 0o600);
  let failure: Error | null = null;
  stream.on("error", (error) => (failure ??= error));
  stream.write(cipher.header);
  // The buffer (out.bytes) and the bytes in it not yet sealed (out.length).
  const out: JsonBytes = { bytes: Buffer.allocUnsafe(CHUNK_BYTES), length: 0 };
  // Plaintext bytes sealed and handed to the stream; position() adds those still in the buffer.
  let written = 0;
  let index = 0;
  /** Seals every whole segment but the last one buffered (or all when `final`), and writes them. */
  const flush = (final: boolean): Promise<void> | undefined => {
    const buffer = out.bytes;
    const used = out.length;
    if (used === 0 && !final) return undefined;
    const keep = final ? 0 : used - Math.floor((used - 1) / segment) * segment;
    const sealable = used - keep;
    let at = 0;
    let ok = true;
    // The sealed segments' parts go to the stream corked, as one writev: joining them first into
    // one buffer copied every byte twice more and cost a tenth of collection (issue 14 item 4).
    stream.cork();
    // Whole segments only: the last one (at close, 0..S bytes) is sealed as last.
    const write = (parts: Buffer[]) => {
      for (const part of parts) ok = stream.write(part);
    };
    for (; used - at > segment && at < (final ? used : sealable); at += segment) write(cipher.sealParts(index++, false, buffer.subarray(at, at + segment)));
    if (final) write(cipher.sealParts(index++, true, buffer.subarray(at, used)));
    stream.uncork();
    buffer.copy(buffer, 0, sealable, used);
    out.length = keep;
    written += sealable;
    return ok ? undefined : once(stream, "drain").then(() => undefined);
  };
  return {
    write(line) {
      // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
      if (line.length * 3 <= out.bytes.length - out.length) {
        out.length += out.bytes.write(line, out.length);
        return undefined;
      }
      let wait = out.length > segment ? flush(false) : undefined;
      if (line.length * 3 <= out.bytes.length - out.length) {
        out.length += out.bytes.write(line, out.length);
        return wait;
      }
      // A line bigger than the buffer (a long free-text value): fed through it a buffer at a time.
      const bytes = Buffer.from(line, "utf8");
      for (let at = 0; at < bytes.length; ) {
        const copied = bytes.copy(out.bytes, out.length, at);
        out.length += copied;
        at += copied;
        if (out.length === out.bytes.length) wait = flush(false) ?? wait;
      }
      return wait;
    },
    bytes: out,
    wrote: () => (out.length >= FLUSH_AT ? flush(false) : undefined),
    position: () => written + out.length,
    async close() {
      flush(true);
      stream.end();
      await finished(stream);
    },
    destroy() {
      out.length = 0;
      stream.destroy();
    },
    error: () => failure,
  };
}

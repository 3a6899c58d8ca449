import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { finished } from "node:stream/promises";

export interface SpoolWriter {
  /** Queues a line; returns a promise only when the caller must wait for the disk (backpressure). */
  write(line: string): Promise<void> | undefined;
  /** Bytes queued so far: where the next line will start in the file. */
  position(): number;
  close(): Promise<void>;
  /** Stops writing after a failure; the partial file is left for the caller to remove or keep. */
  destroy(): void;
  /** The write error, if the disk failed (ENOSPC...): the whole collection fails, not one source. */
  error(): Error | null;
}

/** Lines are encoded into 1 MB buffers: one system call per megabyte, no giant strings. */
const CHUNK_BYTES = 1 << 20;
/**
 * Up to 8 MB may wait for the disk before the producer pauses. Source drivers such as
 * better-sqlite3 read synchronously, so this slack is what lets the disk write in the thread pool
 * while the next rows are read; memory is bounded by it, not by the size of a person's data.
 */
const HIGH_WATER_MARK = 8 << 20;

/**
 * An NDJSON spool file (mode 600: it holds personal information, DESIGN.md §4) written with
 * backpressure: when the stream's buffer is full the producer awaits 'drain', so a slow disk slows
 * collection down instead of growing memory with the amount of data.
 */
export async function openSpoolWriter(file: string): Promise<SpoolWriter> {
  await fs.promises.mkdir(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const stream = fs.createWriteStream(file, { flags: "w", mode: 0o600, highWaterMark: HIGH_WATER_MARK });
  await once(stream, "open");
  let failure: Error | null = null;
  stream.on("error", (error) => (failure ??= error));
  // Written buffers come back to this pool, so memory stays at the high-water mark instead of
  // piling up as garbage the collector frees late (external memory is invisible to V8's heuristics).
  const pool: Buffer[] = [];
  let buffer: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  // Bytes handed to the stream; position() adds those still in the current buffer.
  let written = 0;
  const flush = (): Promise<void> | undefined => {
    const full = buffer;
    const ok = stream.write(full.subarray(0, used), () => pool.push(full));
    written += used;
    buffer = pool.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
    return ok ? undefined : once(stream, "drain").then(() => undefined);
  };
  return {
    write(line) {
      // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
      if (line.length * 3 > CHUNK_BYTES - used) {
        const wait = used > 0 ? flush() : undefined;
        if (line.length * 3 > CHUNK_BYTES) {
          const big = stream.write(line);
          written += Buffer.byteLength(line);
          return wait ?? (big ? undefined : once(stream, "drain").then(() => undefined));
        }
        used += buffer.write(line, used);
        return wait;
      }
      used += buffer.write(line, used);
      return undefined;
    },
    position: () => written + used,
    async close() {
      stream.end(buffer.subarray(0, used));
      used = 0;
      await finished(stream);
    },
    destroy() {
      used = 0;
      stream.destroy();
    },
    error: () => failure,
  };
}

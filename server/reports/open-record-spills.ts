import fs from "node:fs";
import path from "node:path";
import { ChunkWriter, FLUSH_AT } from "./utf8-chunk-writer";

/** Text for one part of a document that is written now and read back, once, later. */
export interface RecordSpill {
  readonly out: ChunkWriter;
  /** Writes what `out` holds to the file once it holds FLUSH_AT bytes (call it after each write). */
  flush(): Promise<void>;
  /** Writes the rest and closes the file; then replay() can read it. */
  end(): Promise<void>;
}

export interface RecordSpills<K> {
  create(key: K): Promise<RecordSpill>;
  /** The ended spill's bytes in FLUSH_AT-sized chunks, deleting its file after; undefined when `key` has none. */
  replay(key: K): AsyncGenerator<Buffer> | undefined;
  /** Closes and deletes every spill file and their folder; safe after an error, and more than once. */
  close(): Promise<void>;
}

interface Entry {
  file: string;
  /** Open while the spill is written. */
  handle: fs.promises.FileHandle | null;
  /** The last write handed to the disk. */
  writing: Promise<void>;
}

/**
 * Scratch files for parts of a disclosure made ahead of their place in it (ADR 018): the JSON
 * reads a dataset once and writes its records for the later categories here. They hold personal
 * data in plaintext, as the spool does, so they live in a private (mode 700) folder made inside
 * `parent` (the rendering's own folder, never a shared /tmp), files mode 600, and everything is
 * deleted when the document is done or fails.
 */
export function openRecordSpills<K>(parent: string): RecordSpills<K> {
  let folder: Promise<string> | undefined;
  const spills = new Map<K, Entry>();
  let count = 0;

  const writeAll = async (handle: fs.promises.FileHandle, chunk: Buffer) => {
    for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
  };

  return {
    async create(key) {
      folder ??= fs.promises.mkdtemp(path.join(parent, "json-spill-"));
      const file = path.join(await folder, `${(count += 1)}.part`);
      const entry: Entry = { file, handle: null, writing: Promise.resolve() };
      spills.set(key, entry);
      const handle = (entry.handle = await fs.promises.open(file, "w", 0o600));
      const out = new ChunkWriter();
      // One write in flight while the next chunk is made: the renderer waits on the disk only
      // when it gets a whole chunk ahead of it.
      const send = (chunk: Buffer) => {
        const previous = entry.writing;
        entry.writing = previous.then(() => writeAll(handle, chunk));
        entry.writing.catch(() => undefined); // awaited by the next flush, end() or close()
        return previous;
      };
      return {
        out,
        async flush() {
          if (out.pending >= FLUSH_AT) await send(out.take());
        },
        async end() {
          if (out.pending > 0) await send(out.take());
          await entry.writing;
          entry.handle = null;
          await handle.close();
        },
      };
    },
    replay(key) {
      const entry = spills.get(key);
      if (!entry) return undefined;
      if (entry.handle) throw new Error("openRecordSpills: a spill is read before it ended");
      spills.delete(key);
      return (async function* () {
        try {
          for await (const chunk of fs.createReadStream(entry.file, { highWaterMark: FLUSH_AT })) yield chunk as Buffer;
        } finally {
          await fs.promises.rm(entry.file, { force: true });
        }
      })();
    },
    async close() {
      for (const { handle, writing } of spills.values()) {
        await writing.catch(() => undefined);
        await handle?.close().catch(() => undefined);
      }
      spills.clear();
      const dir = await folder?.catch(() => null);
      folder = undefined;
      if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}

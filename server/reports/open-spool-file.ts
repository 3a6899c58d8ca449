import type { SpoolDataset, SpoolRecord } from "../collection/collection-types.shared";
import { decodeSpoolLine } from "../collection/decode-spool-line";
import { readSpoolTally } from "../collection/read-spool-tally";
import { openSpoolReader } from "../collection/spool-cipher";
import type { ScannedRecord, SpoolLines, SpoolSlice, SpoolSource } from "./spool-source";

const CHUNK = 512 * 1024;
/** Room before each read buffer's data for the start of a line the previous buffer cut. */
const CARRY_ROOM = 64 * 1024;
const NEWLINE = 0x0a;

interface Line {
  text: string;
  start: number;
  end: number;
}

/**
 * The NDJSON spool written by collection (encrypted with `key`, ADR 035; offsets are plaintext
 * offsets), as a re-readable SpoolSource. Lines are split on bytes,
 * not with readline, because the pieces plan needs each record's byte range to read a dataset
 * again later without parsing the rest of the file. The dataset lines met by scan() are kept (a
 * few per dataset), so read() can join the records of a byte range with their dataset; readLines()
 * hands the same lines on as bytes, for the JSON's line encoders.
 */
export function openSpoolFile(path: string, key: Buffer): SpoolSource {
  const datasets = new Map<number, SpoolDataset>();
  return {
    async *scan(): AsyncGenerator<ScannedRecord> {
      datasets.clear();
      for await (const lines of splitLines(path, key, 0, Infinity)) {
        for (const line of lines) {
          const record = decodeSpoolLine(line.text, line.start, datasets);
          if (record) yield { record, start: line.start, end: line.end };
        }
      }
    },
    async tally() {
      const tally = await readSpoolTally(path, key);
      if (!tally) return null;
      // The dataset lines read() joins records with, without reading the records in between.
      datasets.clear();
      for (const range of tally.lines) {
        for await (const lines of splitLines(path, key, range.start, range.end)) for (const line of lines) decodeSpoolLine(line.text, line.start, datasets);
      }
      return { tally, lines: datasets };
    },
    async *readLines(slices: readonly SpoolSlice[]): AsyncGenerator<SpoolLines> {
      for (const slice of slices) {
        if (slice.end <= slice.start) continue;
        for await (const { bytes, at } of readLineBlocks(path, key, slice.start, slice.end)) yield { bytes, at, datasets };
      }
    },
    async *read(slices: readonly SpoolSlice[]): AsyncGenerator<SpoolRecord> {
      for (const slice of slices) {
        if (slice.end <= slice.start) continue;
        for await (const lines of splitLines(path, key, slice.start, slice.end)) {
          for (const line of lines) {
            const record = decodeSpoolLine(line.text, line.start, datasets);
            if (record) yield record;
          }
        }
      }
    },
  };
}

/** The lines of bytes [start, end) of the file as text, one array per block read. */
async function* splitLines(path: string, key: Buffer, start: number, end: number): AsyncGenerator<Line[]> {
  for await (const { bytes, at } of readLineBlocks(path, key, start, end)) {
    const lines: Line[] = [];
    for (let from = 0; from < bytes.length; ) {
      let newline = bytes.indexOf(NEWLINE, from);
      if (newline === -1) newline = bytes.length;
      lines.push({ text: bytes.toString("utf8", from, newline), start: at + from, end: at + Math.min(newline + 1, bytes.length) });
      from = newline + 1;
    }
    yield lines;
  }
}

/**
 * Plaintext bytes [start, end) of the spool in blocks of whole lines (the range's last line may lack its
 * newline), one block per read: not an async step per line (that was a layer of promises for
 * every record of every pass). Two read buffers are reused for the whole pass (a stream would
 * allocate a fresh one per read: hundreds of MB of short-lived buffers per render), the next read
 * in flight while a block is used. A line cut by a buffer's end is copied into the room kept
 * before the next buffer's data, so the next block starts with it; a line longer than that room
 * is gathered in copies, and joined.
 */
async function* readLineBlocks(path: string, key: Buffer, start: number, end: number): AsyncGenerator<{ bytes: Buffer; at: number }> {
  const file = await openSpoolReader(path, key);
  const buffers = [Buffer.allocUnsafe(CARRY_ROOM + CHUNK), Buffer.allocUnsafe(CARRY_ROOM + CHUNK)] as const;
  const readInto = (which: 0 | 1, at: number) => (at < end ? file.read(buffers[which], CARRY_ROOM, Math.min(CHUNK, end - at), at) : Promise.resolve({ bytesRead: 0 }));
  let which: 0 | 1 = 0;
  let pending = readInto(which, start);
  try {
    /** Bytes of a cut line copied before the data of buffers[which]. */
    let carried = 0;
    /** A cut line too long for that room, in copies. */
    let long: Buffer[] = [];
    let position = start;
    while (position < end) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const buffer = buffers[which];
      which = which === 0 ? 1 : 0;
      pending = readInto(which, position + bytesRead);
      const data = buffer.subarray(CARRY_ROOM, CARRY_ROOM + bytesRead);
      let block: Buffer;
      if (long.length > 0) {
        if (data.indexOf(NEWLINE) === -1) {
          long.push(Buffer.from(data));
          position += bytesRead;
          continue;
        }
        block = Buffer.concat([...long, data]);
        long = [];
      } else {
        block = buffer.subarray(CARRY_ROOM - carried, CARRY_ROOM + bytesRead);
      }
      const at = position + bytesRead - block.length;
      position += bytesRead;
      const whole = block.lastIndexOf(NEWLINE) + 1;
      const rest = block.length - whole;
      carried = 0;
      if (rest > CARRY_ROOM) long = [Buffer.from(block.subarray(whole))];
      else if (rest > 0) carried = block.copy(buffers[which], CARRY_ROOM - rest, whole);
      if (whole > 0) yield { bytes: block.subarray(0, whole), at };
    }
    if (long.length > 0) yield { bytes: Buffer.concat(long), at: position - long.reduce((n, b) => n + b.length, 0) };
    else if (carried > 0) yield { bytes: buffers[which].subarray(CARRY_ROOM - carried, CARRY_ROOM), at: position - carried };
  } finally {
    // A read still in flight must finish before its file is closed (an abandoned pass, an error).
    await pending.catch(() => undefined);
    await file.close();
  }
}

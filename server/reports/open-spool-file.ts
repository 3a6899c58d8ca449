import fs from "node:fs";
import type { SpoolDataset, SpoolRecord } from "../collection/collection-types.shared";
import { decodeSpoolLine } from "../collection/decode-spool-line";
import { readSpoolTally } from "../collection/read-spool-tally";
import type { ScannedRecord, SpoolSlice, SpoolSource } from "./spool-source";

const CHUNK = 512 * 1024;
const NEWLINE = 0x0a;

interface Line {
  text: string;
  start: number;
  end: number;
}

/**
 * The NDJSON spool written by collection, as a re-readable SpoolSource. Lines are split on bytes,
 * not with readline, because the pieces plan needs each record's byte range to read a dataset
 * again later without parsing the rest of the file. The dataset lines met by scan() are kept (a
 * few per dataset), so read() can join the records of a byte range with their dataset.
 */
export function openSpoolFile(path: string): SpoolSource {
  const datasets = new Map<number, SpoolDataset>();
  return {
    async *scan(): AsyncGenerator<ScannedRecord> {
      datasets.clear();
      for await (const lines of splitLines(path, 0, Infinity)) {
        for (const line of lines) {
          const record = decodeSpoolLine(line.text, line.start, datasets);
          if (record) yield { record, start: line.start, end: line.end };
        }
      }
    },
    async tally() {
      const tally = await readSpoolTally(path);
      if (!tally) return null;
      // The dataset lines read() joins records with, without reading the records in between.
      datasets.clear();
      for (const range of tally.lines) {
        for await (const lines of splitLines(path, range.start, range.end)) for (const line of lines) decodeSpoolLine(line.text, line.start, datasets);
      }
      return { tally, lines: datasets };
    },
    async *read(slices: readonly SpoolSlice[]): AsyncGenerator<SpoolRecord> {
      for (const slice of slices) {
        if (slice.end <= slice.start) continue;
        for await (const lines of splitLines(path, slice.start, slice.end)) {
          for (const line of lines) {
            const record = decodeSpoolLine(line.text, line.start, datasets);
            if (record) yield record;
          }
        }
      }
    },
  };
}

/**
 * The lines of bytes [start, end) of the file, one array per read (not a yield per line: an async
 * step per line was a layer of promises for every record of every pass). Two read buffers are
 * reused for the whole pass (a stream would allocate a fresh one per read: hundreds of MB of
 * short-lived buffers per render); only a line cut by the buffer's end is copied, and joined with
 * its rest.
 */
async function* splitLines(path: string, start: number, end: number): AsyncGenerator<Line[]> {
  const file = await fs.promises.open(path, "r");
  // Two buffers: the next read is in flight while the lines of the current one are parsed.
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)] as const;
  const readInto = (which: 0 | 1, at: number) => (at < end ? file.read(buffers[which], 0, Math.min(CHUNK, end - at), at) : Promise.resolve({ bytesRead: 0 }));
  let which: 0 | 1 = 0;
  let pending = readInto(which, start);
  try {
    let carry: Buffer[] = [];
    let carryStart = start;
    let position = start;
    while (position < end) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const chunk = buffers[which].subarray(0, bytesRead);
      which = which === 0 ? 1 : 0;
      pending = readInto(which, position + bytesRead);
      const lines: Line[] = [];
      let from = 0;
      let newline = chunk.indexOf(NEWLINE);
      if (carry.length > 0 && newline !== -1) {
        const head = Buffer.concat([...carry, chunk.subarray(0, newline)]);
        lines.push({ text: head.toString("utf8"), start: carryStart, end: position + newline + 1 });
        carry = [];
        from = newline + 1;
        newline = chunk.indexOf(NEWLINE, from);
      }
      for (; newline !== -1; newline = chunk.indexOf(NEWLINE, from)) {
        lines.push({ text: chunk.toString("utf8", from, newline), start: position + from, end: position + newline + 1 });
        from = newline + 1;
      }
      if (from < chunk.length) {
        if (carry.length === 0) carryStart = position + from;
        carry.push(Buffer.from(chunk.subarray(from)));
      }
      position += bytesRead;
      if (lines.length > 0) yield lines;
    }
    if (carry.length > 0) yield [{ text: Buffer.concat(carry).toString("utf8"), start: carryStart, end: position }];
  } finally {
    // A read still in flight must finish before its file is closed (an abandoned pass, an error).
    await pending.catch(() => undefined);
    await file.close();
  }
}


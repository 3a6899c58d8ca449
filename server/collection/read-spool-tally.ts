import { openSpoolReader } from "./spool-cipher";
import type { SpoolPieceTally, SpoolTallyLine } from "./tally-spool-pieces";

const TAIL = 64 * 1024;
const NEWLINE = 0x0a;
const MARK = Buffer.from('{"tally":');

/**
 * The SpoolPieceTally of the spool's last line, or null when the spool does not end with one
 * (written by encodeSpoolLines, or cut short). Only the end of the (encrypted, ADR 035) spool is read: the tally is a
 * few KB (datasets x categories x fields), however many records the spool holds.
 */
export async function readSpoolTally(path: string, key: Buffer): Promise<SpoolPieceTally | null> {
  const file = await openSpoolReader(path, key);
  try {
    const { size } = file;
    for (let window = TAIL; ; window *= 4) {
      const length = Math.min(window, size);
      const tail = Buffer.allocUnsafe(length);
      const { bytesRead } = await file.read(tail, 0, length, size - length);
      if (bytesRead < 2 || tail[bytesRead - 1] !== NEWLINE) return null;
      const newline = tail.lastIndexOf(NEWLINE, bytesRead - 2);
      if (newline === -1 && length < size) continue;
      const line = tail.subarray(newline + 1, bytesRead - 1);
      if (!line.subarray(0, MARK.length).equals(MARK)) return null;
      try {
        return (JSON.parse(line.toString("utf8")) as SpoolTallyLine).tally;
      } catch {
        // Never JSON.parse's message: it quotes the text (personal data, DESIGN.md §7).
        throw new Error(`spool: the tally line at byte ${size - bytesRead + newline + 1} is not valid JSON`);
      }
    }
  } finally {
    await file.close();
  }
}

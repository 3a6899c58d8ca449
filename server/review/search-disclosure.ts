import type { CategoryCode } from "../categories/ccpa-categories.shared";
import type { SpoolDataset, SpoolRecord } from "../collection/collection-types.shared";
import { decodeSpoolLine } from "../collection/decode-spool-line";
import { pieceSlots } from "./build-review-index";
import { readSpoolLineBlocks, type SpoolFiles } from "./read-spool-page";
import { valueContains } from "./withheld-by-review";

export interface SearchHit {
  dataset: string;
  /** 0-based position among the dataset's records (as the dataset pages number them). */
  ordinal: number;
  record: SpoolRecord;
  /** Slots of the record whose values contain the text. */
  slots: number[];
}

export interface SearchResult {
  /** Records with at least one matching value. */
  records: number;
  /** Matching values (a withholding by match removes exactly these). */
  values: number;
  /** The matching records from `skip` on, at most `take`. */
  hits: SearchHit[];
}

/**
 * Every record of the disclosure whose values contain `text` (case-insensitive, the comparison
 * withholding by match uses), streamed over the whole spool: memory holds one page of hits,
 * whatever the size. Never-disclose slots hold only a type and are never searched (7024(d)).
 * Optionally limited to one dataset and to the fields of one category.
 *
 * One pass over the spool's bytes (ADR 043), with no text made of them: for an ASCII text each
 * block is lower-cased byte by byte (A-Z only) into a scratch buffer and searched natively; only
 * a line that holds the text is parsed and its values compared exactly (the raw line also holds
 * keys, times and nulls, so a raw hit is only a candidate). In a line of ASCII without a backslash
 * every string is written as itself between quotes, so a value that contains the text puts it in
 * its line: no match is missed. A line with a backslash (an escaped quote or newline, a \u escape,
 * whatever the writer chose) or a byte outside ASCII (whose lower case may be ASCII: the Kelvin
 * sign gives "k") is always parsed, as is every line for a text outside ASCII. A record is counted
 * in its dataset without parsing it: its ref is the line's first number, and a record whose values
 * are all null (no piece, as pieceSlots sees it) is told by its line's end.
 */
export async function searchDisclosure(
  files: SpoolFiles,
  input: { text: string; dataset?: string | null; category?: CategoryCode | null; skip: number; take: number },
): Promise<SearchResult> {
  const result: SearchResult = { records: 0, values: 0, hits: [] };
  /** Per dataset ("sourceId/datasetId"): records counted so far. Several dataset lines (refs) may share one. */
  const counters = new Map<string, { key: string; records: number }>();
  /** Per ref: its dataset's counter, and whether every field has a category (then an all-null line is exactly a record without pieces). */
  const refs: ({ dataset: SpoolDataset; counter: { key: string; records: number }; plain: boolean } | undefined)[] = [];
  const needle = input.text.toLowerCase();
  const raw = /[^\p{ASCII}]/u.test(needle) ? null : Buffer.from(needle, "latin1");
  let scratch = Buffer.alloc(0);

  for await (const { bytes, at, datasets } of readSpoolLineBlocks(files)) {
    if (scratch.length < bytes.length) scratch = Buffer.allocUnsafe(bytes.length);
    const lower = scratch.subarray(0, bytes.length);
    const lines = scanBlock(bytes, lower);
    let nextHit = raw ? lower.indexOf(raw) : -1;
    for (let line = 0; line < lines.length; line++) {
      const from = line === 0 ? 0 : lines.ends[line - 1]! + 1;
      const newline = lines.ends[line]!;
      if (nextHit !== -1 && nextHit < from) nextHit = lower.indexOf(raw!, from);
      const first = bytes[from];
      if (first === 0x7b /* { */) decodeLine(bytes, from, newline, at, datasets);
      else if (first === 0x5b /* [ */) {
        // decodeLine throws for a record with no dataset line before it.
        const ref = readRef(bytes, from);
        let info = refs[ref];
        if (info === undefined || info.dataset !== datasets.get(ref)) {
          const dataset = datasets.get(ref) ?? decodeLine(bytes, from, newline, at, datasets)!.dataset;
          const key = `${dataset.sourceId}/${dataset.datasetId}`;
          let counter = counters.get(key);
          if (!counter) counters.set(key, (counter = { key, records: 0 }));
          info = refs[ref] = { dataset, counter, plain: dataset.fields.every((f) => f.categories.length > 0) };
        }
        let record: SpoolRecord | null = null;
        const hasPieces = info.plain ? !valuesAllNull(bytes, newline) : pieceSlots((record = decodeLine(bytes, from, newline, at, datasets)!)).length > 0;
        if (hasPieces) {
          const ordinal = info.counter.records++;
          const candidate = !raw || lines.parse[line] === 1 || (nextHit !== -1 && nextHit < newline);
          if (candidate && (!input.dataset || info.counter.key === input.dataset)) {
            const found = record ?? decodeLine(bytes, from, newline, at, datasets)!;
            const slots = pieceSlots(found).filter((slot) => {
              const field = found.dataset.fields[slot]!;
              if (field.neverDisclose || (input.category && !field.categories.includes(input.category))) return false;
              return valueContains(found.values[slot], needle);
            });
            if (slots.length > 0) {
              if (result.records >= input.skip && result.hits.length < input.take) result.hits.push({ dataset: info.counter.key, ordinal, record: found, slots });
              result.records += 1;
              result.values += slots.length;
            }
          }
        }
      }
    }
  }
  return result;
}

const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;

function decodeLine(bytes: Buffer, from: number, end: number, at: number, datasets: Map<number, SpoolDataset>): SpoolRecord | null {
  return decodeSpoolLine(bytes.toString("utf8", from, end), at + from, datasets);
}

/** Lines of a block: where each ends, and whether it must be parsed whatever a search finds in it. */
interface BlockLines {
  length: number;
  ends: Int32Array;
  parse: Uint8Array;
}

/** Reused for every block of every search: a block's lines are used without an await in between. */
let lineEnds = new Int32Array(4096);
let lineParse = new Uint8Array(4096);

/**
 * One loop over a block's bytes: A-Z lowered into `into`, the end of each line (the last one may
 * lack its newline), and which lines hold a backslash or a byte outside ASCII. No call per line
 * into native code: at 100k records that was most of a search.
 */
function scanBlock(bytes: Buffer, into: Buffer): BlockLines {
  let length = 0;
  let parse = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c >= 65 && c <= 90) into[i] = c + 32;
    else {
      into[i] = c;
      if (c === NEWLINE) {
        if (length === lineEnds.length) grow();
        lineEnds[length] = i;
        lineParse[length++] = parse;
        parse = 0;
      } else if (c === BACKSLASH || c > 127) parse = 1;
    }
  }
  if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) {
    if (length === lineEnds.length) grow();
    lineEnds[length] = bytes.length;
    lineParse[length++] = parse;
  }
  return { length, ends: lineEnds, parse: lineParse };
}

function grow(): void {
  const ends = new Int32Array(lineEnds.length * 2);
  ends.set(lineEnds);
  const parse = new Uint8Array(lineParse.length * 2);
  parse.set(lineParse);
  lineEnds = ends;
  lineParse = parse;
}

/** The number after a record line's "[": its dataset line's ref. */
function readRef(bytes: Buffer, from: number): number {
  let ref = 0;
  for (let i = from + 1; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c < 48 || c > 57) return i === from + 1 ? -1 : ref;
    ref = ref * 10 + (c - 48);
  }
  return -1;
}

/**
 * Whether a record line ends with a values array of nulls only (`,[null,null]]` or `,[]]`): the
 * values are the line's last element, and no string can end the line unquoted, so this is exact.
 */
function valuesAllNull(bytes: Buffer, end: number): boolean {
  let i = end - 1;
  if (bytes[i] === 0x0d) i -= 1;
  if (bytes[i] !== 0x5d || bytes[i - 1] !== 0x5d) return false;
  i -= 2;
  if (bytes[i] === 0x5b) return true;
  for (;;) {
    if (i < 3 || bytes[i - 3] !== 0x6e || bytes[i - 2] !== 0x75 || bytes[i - 1] !== 0x6c || bytes[i] !== 0x6c) return false;
    i -= 4;
    if (bytes[i] === 0x5b) return true;
    if (bytes[i] !== 0x2c) return false;
    i -= 1;
  }
}

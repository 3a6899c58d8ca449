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
 * One pass over the spool's text (ADR 043): each block of lines is lower-cased once and searched
 * for the lower-cased text; only a line that holds it is parsed and its values compared exactly
 * (the raw line also holds keys, times and nulls, so a raw hit is only a candidate). In a line
 * without a backslash every string is written as itself between quotes, and lower case reads
 * quotes as it reads the start or end of a text, so a value that contains the text puts it in its
 * line: no match is missed. A line with a backslash (an escaped quote or newline, a \u escape,
 * whatever the writer chose) is always parsed. A record is counted in its dataset without parsing
 * it: its ref is the line's first number, and a record whose values are all null (no piece, as
 * pieceSlots sees it) is told by its line's end.
 */
export async function searchDisclosure(
  files: SpoolFiles,
  input: { text: string; dataset?: string | null; category?: CategoryCode | null; skip: number; take: number },
): Promise<SearchResult> {
  const result: SearchResult = { records: 0, values: 0, hits: [] };
  const ordinals = new Map<string, number>();
  const seen = new Map<SpoolDataset, { key: string; plain: boolean }>();
  const needle = input.text.toLowerCase();
  // An ASCII text is searched in the bytes read as latin1 (a character a byte: no decoding, offsets
  // are bytes); a line holding a byte outside ASCII is then always parsed, as lower case outside
  // ASCII may give ASCII (the Kelvin sign gives "k"). Any other text is searched in the decoded text.
  const latin1 = !/[^\p{ASCII}]/u.test(needle);

  for await (const { bytes, at, datasets } of readSpoolLineBlocks(files)) {
    const text = bytes.toString(latin1 ? "latin1" : "utf8");
    const lower = text.toLowerCase();
    // A lower case that changes a length ("İ") shifts positions: such a block is searched line by line.
    const byLine = lower.length !== text.length;
    const offsetsAreBytes = latin1 || text.length === bytes.length;
    let nextHit = byLine ? -1 : lower.indexOf(needle);
    let nextEscape = text.indexOf("\\");
    const wide = /[\x80-\xff]/g;
    let nextWide = latin1 ? nextMatch(wide, text, 0) : -1;
    let byte = at;
    for (let from = 0; from < text.length; ) {
      let newline = text.indexOf("\n", from);
      if (newline === -1) newline = text.length;
      while (nextHit !== -1 && nextHit < from) nextHit = lower.indexOf(needle, from);
      while (nextEscape !== -1 && nextEscape < from) nextEscape = text.indexOf("\\", from);
      while (nextWide !== -1 && nextWide < from) nextWide = nextMatch(wide, text, from);
      // Offsets only name a line in a decoding error; in decoded text outside ASCII they are counted in bytes.
      const lineAt = offsetsAreBytes ? at + from : byte;
      if (!offsetsAreBytes) byte += Buffer.byteLength(text.slice(from, newline)) + 1;
      const first = text.charCodeAt(from);
      if (first === 0x7b /* { */) decodeSpoolLine(lineText(bytes, text, latin1, from, newline), lineAt, datasets);
      else if (first === 0x5b /* [ */) {
        const dataset = datasets.get(readRef(text, from)) ?? decodeSpoolLine(lineText(bytes, text, latin1, from, newline), lineAt, datasets)!.dataset; // the latter throws: no dataset line before it
        let info = seen.get(dataset);
        // Fields without a category are never pieces: only then is an all-null line not the whole test.
        if (!info) seen.set(dataset, (info = { key: `${dataset.sourceId}/${dataset.datasetId}`, plain: dataset.fields.every((f) => f.categories.length > 0) }));
        const hasPieces = info.plain ? !valuesAllNull(text, newline) : pieceSlots(decodeSpoolLine(lineText(bytes, text, latin1, from, newline), lineAt, datasets)!).length > 0;
        if (hasPieces) {
          const ordinal = ordinals.get(info.key) ?? 0;
          ordinals.set(info.key, ordinal + 1);
          const parse = (nextEscape !== -1 && nextEscape < newline) || (nextWide !== -1 && nextWide < newline);
          const candidate = parse || (byLine ? text.slice(from, newline).toLowerCase().includes(needle) : nextHit !== -1 && nextHit < newline);
          if (candidate && (!input.dataset || info.key === input.dataset)) {
            const record = decodeSpoolLine(lineText(bytes, text, latin1, from, newline), lineAt, datasets)!;
            const slots = pieceSlots(record).filter((slot) => {
              const field = record.dataset.fields[slot]!;
              if (field.neverDisclose || (input.category && !field.categories.includes(input.category))) return false;
              return valueContains(record.values[slot], needle);
            });
            if (slots.length > 0) {
              if (result.records >= input.skip && result.hits.length < input.take) result.hits.push({ dataset: info.key, ordinal, record, slots });
              result.records += 1;
              result.values += slots.length;
            }
          }
        }
      }
      from = newline + 1;
    }
  }
  return result;
}


/** A line's text for JSON.parse: in latin1 mode positions are bytes, decoded here as UTF-8. */
function lineText(bytes: Buffer, text: string, latin1: boolean, from: number, end: number): string {
  return latin1 ? bytes.toString("utf8", from, end) : text.slice(from, end);
}

function nextMatch(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? -1;
}

/** The number after a record line's "[": its dataset line's ref. */
function readRef(text: string, from: number): number {
  let ref = 0;
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return i === from + 1 ? -1 : ref;
    ref = ref * 10 + (c - 48);
  }
  return -1;
}

/**
 * Whether a record line ends with a values array of nulls only (`,[null,null]]` or `,[]]`): the
 * values are the line's last element, and no string can end the line unquoted, so this is exact.
 */
function valuesAllNull(text: string, end: number): boolean {
  let i = end - 1;
  if (text.charCodeAt(i) === 0x0d) i -= 1;
  if (text[i] !== "]" || text[i - 1] !== "]") return false;
  i -= 2;
  if (text[i] === "[") return true;
  for (;;) {
    if (!text.startsWith("null", i - 3)) return false;
    i -= 4;
    if (text[i] === "[") return true;
    if (text[i] !== ",") return false;
    i -= 1;
  }
}

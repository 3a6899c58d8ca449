import { isUtf8 } from "node:buffer";
import { NEVER_DISCLOSE_TYPES, type CategoryCode } from "../categories/ccpa-categories.shared";
import type { SpoolDataset, SpoolRecord } from "../collection/collection-types.shared";
import { decodeSpoolLine } from "../collection/decode-spool-line";
import { filePieceJson } from "./file-piece";
import { pieceKey, type DatasetPieces } from "./plan-specific-pieces";
import type { ValuePresenter } from "./present-field-value";
import type { SpoolLines, SpoolSource } from "./spool-source";
import { FLUSH_AT, type ChunkWriter } from "./utf8-chunk-writer";

/** One category's records array of a dataset, written to `out` (the JSON, or a spill file). */
export interface RecordListTarget {
  group: DatasetPieces;
  code: CategoryCode;
  out: ChunkWriter;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const NEWLINE = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;

/** Bytes a string's scan stops at: control characters (invalid in JSON), the quote, the backslash. */
const STOPS = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STOPS[c] = 1;
STOPS[QUOTE] = 1;
STOPS[BACKSLASH] = 1;
/** Escapes JSON.stringify writes itself (\" \\ \b \f \n \r \t): their text is already canonical. */
const PLAIN_ESCAPES = new Uint8Array(256);
for (const c of '"\\bfnrt') PLAIN_ESCAPES[c.charCodeAt(0)] = 1;
const HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;

/** What a value's JSON text is, and whether it can be copied as it is. */
const enum Kind {
  /** A string in JSON.stringify's own form: copied. */
  Text,
  /** A string with \u or \/ escapes: parsed and written again (JSON.stringify may spell it otherwise). */
  EscapedText,
  /** true or false: copied. */
  Literal,
  /** A number: written as JSON.stringify writes it (1.0 is 1, 1e999 is null). */
  Number,
  Null,
}

const ascii = (text: string) => Buffer.from(text, "utf8");
const RECORD_FIRST = ascii('\n              {"record":');
const RECORD_NEXT = ascii(',\n              {"record":');
const RECORDED_AT = ascii(',"recordedAt":');
const PIECES = ascii(',"pieces":[');
const END_RECORD = ascii("]}");
const NULL = ascii("null");
const PIECE_SEPARATOR = ascii(",");
const END_PIECE = ascii("}");
/** The JSON of each never-disclose type, as a withheld field's slot holds it in the spool. */
const WITHHELD_TYPES = NEVER_DISCLOSE_TYPES.map((type) => ascii(JSON.stringify(type)));

/** A dataset line's fields in one target's category: where they are and their pieces' constant start. */
interface CompiledTarget {
  slots: number[];
  neverDisclose: boolean[];
  /** A stored file (ADR 027): the piece is {label, file, contentType, bytes, sha256}, not {label, value}. */
  file: boolean[];
  /** `{"label":<label's JSON>,"value":` or `…,"withheld":`, per field. */
  starts: Buffer[];
  /** Per field, how its value reads when the JSON carries that text beside it (present-field-value.ts), else null. */
  present: (ValuePresenter | null)[];
  /** Per field: `,"text":"…"` (or null: no text) by the value's JSON text; codes repeat, so each is worked out once. */
  texts: Map<string, Buffer | null>[];
}

/** Distinct values whose text is kept per field; past it (amounts, times) each is worked out again. */
const TEXT_CACHE_LIMIT = 4096;

/**
 * Writes the records arrays of one dataset for several of its categories at once (the JSON reads
 * a dataset of page views once for A, F and G, ADR 018), each record on one line: the text
 * JSON.stringify gives for { record, recordedAt, pieces: [{ label, value } or { label, withheld }] },
 * byte for byte. Per dataset line, each category's fields and their pieces' constant text (keys,
 * the label's JSON) are worked out once; a record's values are copied from the spool's own JSON
 * text, which collection wrote with JSON.stringify (ADR 021): no parse, no strings, no objects per
 * record. What the copy cannot vouch for (escapes JSON.stringify spells otherwise, numbers, a line
 * not in the shape collection writes, bytes that are not UTF-8) goes through decodeSpoolLine and
 * JSON.stringify, as before: same bytes, same errors. A never-disclose field yields its type and
 * never a value: a slot holding anything but a known type is refused (11 CCR 7024(d)). Yields when
 * a target holds FLUSH_AT bytes, so the caller hands them on; throws if the spool no longer matches
 * the plan (a document never states one record count and lists another).
 */
export async function* encodeDatasetRecords(source: SpoolSource, targets: readonly RecordListTarget[]): AsyncGenerator<void> {
  const first = targets[0]?.group;
  if (!first) return;
  const encoder = new DatasetEncoder(first, targets);
  const blocks = source.readLines ? source.readLines(first.slices) : asLines(source.read(first.slices));
  for await (const block of blocks) {
    encoder.block(block);
    for (let from = 0; from < block.bytes.length; ) {
      from = encoder.lines(from);
      if (encoder.full()) yield;
    }
  }
  encoder.finish();
}

class DatasetEncoder {
  private readonly labels: Map<string, string>[];
  private readonly presenters: Map<string, ValuePresenter | undefined>[];
  private readonly compiled = new Map<SpoolDataset, CompiledTarget[] | null>();
  private ordinal = 0;
  /** Per target: whether no record is written yet (no separator before it), and records written. */
  private readonly first: boolean[];
  private readonly emitted: number[];
  // The block being encoded.
  private bytes: Buffer = Buffer.alloc(0);
  private at = 0;
  private datasets = new Map<number, SpoolDataset>();
  private utf8 = true;
  // The last record line's tokens: where each value's JSON text starts and ends, and its kind.
  private starts = new Int32Array(16);
  private ends = new Int32Array(16);
  private kinds = new Uint8Array(16);
  private recordedAtStart = 0;
  private recordedAtEnd = 0;
  private recordedAtKind = Kind.Null;
  /** Set by text(): whether the string scanned has escapes to write again. */
  private escaped = false;

  constructor(
    private readonly dataset: DatasetPieces,
    private readonly targets: readonly RecordListTarget[],
  ) {
    this.labels = targets.map(({ group }) => new Map(group.columns.map((c) => [c.key, c.label])));
    this.presenters = targets.map(({ group }) => new Map(group.columns.map((c) => [c.key, c.presentation?.inJson ? c.presentation.present : undefined])));
    this.first = targets.map(() => true);
    this.emitted = targets.map(() => 0);
  }

  block(block: SpoolLines): void {
    this.bytes = block.bytes;
    this.at = block.at;
    this.datasets = block.datasets;
    // A block is whole lines: valid as a whole means every line is (one native check per block).
    this.utf8 = isUtf8(block.bytes);
  }

  /** True when a target holds FLUSH_AT bytes or more: time to hand them on. */
  full(): boolean {
    for (const { out } of this.targets) if (out.pending >= FLUSH_AT) return true;
    return false;
  }

  /** Encodes the lines from `from` until a target is full or the block ends; gives where it stopped. */
  lines(from: number): number {
    const bytes = this.bytes;
    const length = bytes.length;
    let start = from;
    while (start < length) {
      let end = this.utf8 ? this.record(bytes, start, length) : -1;
      if (end === -1) {
        // Not a record line in collection's own form (or a block with bytes that are not UTF-8):
        // decoded and written as the renderer always did.
        end = bytes.indexOf(NEWLINE, start);
        if (end === -1) end = length;
        this.decoded(start, end);
      }
      start = end + 1;
      if (this.full()) break;
    }
    return Math.min(start, length);
  }

  finish(): void {
    if (this.targets.some(({ group }, k) => this.emitted[k] !== group.records)) throw new Error("spool: records changed while the disclosure was being rendered");
  }

  /**
   * The record line starting at `start` in collection's form, `[ref,"key","recordedAt"|null,[values]]`
   * with nothing else (no spaces, values scalars), encoded; gives the index of its newline (or the
   * block's end), or -1 without writing anything when the line is in any other form.
   */
  private record(b: Buffer, start: number, length: number): number {
    if (b[start] !== OPEN) return -1;
    let i = start + 1;
    // ref: digits, no leading zero.
    let ref = 0;
    const refStart = i;
    for (let c = b[i]!; c >= ZERO && c <= NINE; c = b[++i]!) ref = ref * 10 + (c - ZERO);
    if (i === refStart || (b[refStart] === ZERO && i > refStart + 1) || b[i] !== COMMA) return -1;
    const line = this.datasets.get(ref);
    if (!line) return -1;
    // recordKey: a string (not written).
    if (b[i + 1] !== QUOTE) return -1;
    i = this.text(b, i + 2, length);
    if (i === -1 || b[i] !== COMMA) return -1;
    i++;
    if (b[i] === QUOTE) {
      this.recordedAtStart = i;
      i = this.text(b, i + 1, length);
      if (i === -1) return -1;
      this.recordedAtKind = this.escaped ? Kind.EscapedText : Kind.Text;
    } else if (isNull(b, i)) {
      this.recordedAtStart = i;
      i += 4;
      this.recordedAtKind = Kind.Null;
    } else {
      return -1;
    }
    this.recordedAtEnd = i;
    if (b[i] !== COMMA || b[i + 1] !== OPEN) return -1;
    i += 2;
    const count = line.fields.length;
    if (count > this.kinds.length) this.grow(count);
    const { starts, ends, kinds } = this;
    let n = 0;
    if (b[i] === CLOSE) i++;
    else {
      for (;;) {
        if (n === count) return -1;
        starts[n] = i;
        const c = b[i];
        if (c === QUOTE) {
          i = this.text(b, i + 1, length);
          if (i === -1) return -1;
          kinds[n] = this.escaped ? Kind.EscapedText : Kind.Text;
        } else if (c === 0x6e) {
          if (!isNull(b, i)) return -1;
          i += 4;
          kinds[n] = Kind.Null;
        } else if (c === 0x74) {
          if (b[i + 1] !== 0x72 || b[i + 2] !== 0x75 || b[i + 3] !== 0x65) return -1;
          i += 4;
          kinds[n] = Kind.Literal;
        } else if (c === 0x66) {
          if (b[i + 1] !== 0x61 || b[i + 2] !== 0x6c || b[i + 3] !== 0x73 || b[i + 4] !== 0x65) return -1;
          i += 5;
          kinds[n] = Kind.Literal;
        } else {
          i = number(b, i);
          if (i === -1) return -1;
          kinds[n] = Kind.Number;
        }
        ends[n] = i;
        n++;
        if (b[i] === COMMA) i++;
        else if (b[i] === CLOSE) {
          i++;
          break;
        } else return -1;
      }
    }
    if (n !== count || b[i] !== CLOSE || (i + 1 < length && b[i + 1] !== NEWLINE)) return -1;
    this.write(line, b);
    return i + 1;
  }

  /** Writes the record just scanned to each target it has pieces in. */
  private write(line: SpoolDataset, b: Buffer): void {
    let compiledTargets = this.compiled.get(line);
    if (compiledTargets === undefined) this.compiled.set(line, (compiledTargets = this.compile(line)));
    if (compiledTargets === null) return; // another dataset's record: not numbered in this one
    const record = ++this.ordinal;
    const { starts, ends, kinds } = this;
    for (let k = 0; k < compiledTargets.length; k++) {
      const target = compiledTargets[k]!;
      const { slots } = target;
      const out = this.targets[k]!.out;
      let opened = false;
      for (let f = 0; f < slots.length; f++) {
        const slot = slots[f]!;
        const kind = kinds[slot]!;
        if (kind === Kind.Null) continue;
        if (!opened) {
          opened = true;
          out.constant(this.first[k] ? RECORD_FIRST : RECORD_NEXT);
          this.first[k] = false;
          out.digits(record);
          out.constant(RECORDED_AT);
          if (this.recordedAtKind === Kind.Text) out.bytes(b, this.recordedAtStart, this.recordedAtEnd);
          else if (this.recordedAtKind === Kind.Null) out.constant(NULL);
          else out.write(JSON.stringify(JSON.parse(b.toString("utf8", this.recordedAtStart, this.recordedAtEnd))));
          out.constant(PIECES);
        } else {
          out.constant(PIECE_SEPARATOR);
        }
        out.constant(target.starts[f]!);
        const start = starts[slot]!;
        const end = ends[slot]!;
        if (target.neverDisclose[f]) out.constant(withheldType(b, start, end, kind));
        else if (target.file[f]) out.write(filePieceJson(JSON.parse(b.toString("utf8", start, end))));
        else if (kind === Kind.Text || kind === Kind.Literal) out.bytes(b, start, end);
        else if (kind === Kind.Number) out.write(JSON.stringify(Number(b.toString("latin1", start, end))));
        else out.write(JSON.stringify(JSON.parse(b.toString("utf8", start, end))));
        const present = target.present[f];
        if (present && !target.neverDisclose[f]) {
          const text = valueText(present, target.texts[f]!, b, start, end, kind);
          if (text) out.constant(text);
        }
        out.constant(END_PIECE);
      }
      if (opened) {
        out.constant(END_RECORD);
        this.emitted[k]!++;
      }
    }
  }

  /** Each target's fields of a dataset line, or null for a line of another dataset. */
  private compile(line: SpoolDataset): CompiledTarget[] | null {
    if (line.sourceId !== this.dataset.sourceId || line.datasetId !== this.dataset.datasetId) return null;
    return this.targets.map(({ code }, k) => {
      const target: CompiledTarget = { slots: [], neverDisclose: [], file: [], starts: [], present: [], texts: [] };
      line.fields.forEach((field, slot) => {
        if (!(field.categories ?? []).includes(code)) return;
        const label = JSON.stringify(this.labels[k]!.get(pieceKey(field)) ?? "");
        target.slots.push(slot);
        target.neverDisclose.push(field.neverDisclose);
        const file = field.file === true && !field.neverDisclose;
        target.file.push(file);
        // A file piece carries its own members (file, contentType, bytes, sha256): no text beside it.
        target.present.push(file ? null : (this.presenters[k]!.get(pieceKey(field)) ?? null));
        target.texts.push(new Map());
        target.starts.push(ascii(`{"label":${label},${field.neverDisclose ? '"withheld":' : file ? "" : '"value":'}`));
      });
      return target;
    });
  }

  /**
   * A line the copy does not take: decoded as read() decodes it (its errors, a dataset line met
   * on the way), then written in JSON.stringify's form and encoded from that. A value that is no
   * scalar is shown as its JSON text, rather than dropped.
   */
  private decoded(start: number, end: number): void {
    const record = decodeSpoolLine(this.bytes.toString("utf8", start, end), this.at + start, this.datasets);
    if (!record) return;
    const canonical = Buffer.from(recordLineJson(record));
    if (this.record(canonical, 0, canonical.length) === -1) throw new Error("spool: a record could not be encoded");
  }

  /** Scans a JSON string from after its opening quote; gives the index after its closing quote, or -1. */
  private text(b: Buffer, i: number, length: number): number {
    let escaped = false;
    while (i < length) {
      // The hot loop: a line ends with a newline, a stop, so it needs no bounds check of its own
      // (past the buffer's end, STOPS[undefined] is no 0 either).
      while (STOPS[b[i]!] === 0) i++;
      if (i >= length) break;
      const c = b[i]!;
      if (c === QUOTE) {
        this.escaped = escaped;
        return i + 1;
      }
      if (c !== BACKSLASH) return -1; // a control character
      const next = b[i + 1]!;
      if (PLAIN_ESCAPES[next] === 1) i += 2;
      else if (next === 0x75) {
        if (HEX[b[i + 2]!] !== 1 || HEX[b[i + 3]!] !== 1 || HEX[b[i + 4]!] !== 1 || HEX[b[i + 5]!] !== 1) return -1;
        escaped = true;
        i += 6;
      } else if (next === 0x2f) {
        escaped = true;
        i += 2;
      } else return -1;
    }
    return -1;
  }

  private grow(count: number): void {
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.kinds = new Uint8Array(count);
  }
}

/**
 * `,"text":"…"` for a value the map describes (a code's label, an amount, yes/no), or null when
 * the presenter has nothing to say for it (an unknown code is shown as held). Decoded from the
 * value's JSON text as readDatasetPieces decodes it, so both documents say the same.
 */
function valueText(present: ValuePresenter, cache: Map<string, Buffer | null>, b: Buffer, start: number, end: number, kind: Kind): Buffer | null {
  const raw = b.toString("latin1", start, end);
  const known = cache.get(raw);
  if (known !== undefined) return known;
  const value = kind === Kind.Number ? Number(raw) : kind === Kind.Literal ? b[start] === 0x74 : (JSON.parse(b.toString("utf8", start, end)) as string);
  const text = present(value);
  const encoded = text === undefined ? null : Buffer.from(`,"text":${JSON.stringify(text)}`, "utf8");
  if (cache.size < TEXT_CACHE_LIMIT) cache.set(raw, encoded);
  return encoded;
}

function isNull(b: Buffer, i: number): boolean {
  return b[i] === 0x6e && b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c;
}

/** Scans a JSON number (RFC 8259 grammar); gives the index after it, or -1. */
function number(b: Buffer, i: number): number {
  if (b[i] === MINUS) i++;
  if (b[i] === ZERO) i++;
  else if (isDigit(b[i])) while (isDigit(b[i])) i++;
  else return -1;
  if (b[i] === 0x2e) {
    i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === MINUS) i++;
    if (!isDigit(b[i])) return -1;
    while (isDigit(b[i])) i++;
  }
  return i;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}

/** The type in a never-disclose slot, as JSON; anything else (a value, by mistake) is refused, never shown. */
function withheldType(b: Buffer, start: number, end: number, kind: Kind): Buffer {
  if (kind === Kind.Text) {
    for (const type of WITHHELD_TYPES) if (type.length === end - start && type.equals(b.subarray(start, end))) return type;
  } else if (kind === Kind.EscapedText) {
    const index = (NEVER_DISCLOSE_TYPES as readonly unknown[]).indexOf(JSON.parse(b.toString("utf8", start, end)));
    if (index !== -1) return WITHHELD_TYPES[index]!;
  }
  throw new Error("spool: a withheld field has an unknown never-disclose type");
}

/**
 * A decoded record as collection writes its line, for the encoder: a value that is no scalar
 * becomes its JSON text; a number JSON cannot hold (1e999 parses as Infinity) stays a piece, shown
 * as null as before, so it is written as a number that parses the same, not as null (no piece).
 */
function recordLineJson(record: SpoolRecord): string {
  let values = "";
  for (const v of record.values as readonly unknown[]) {
    if (values) values += ",";
    if (v === undefined || v === null) values += "null";
    else if (typeof v === "number" && !Number.isFinite(v)) values += "1e999";
    else values += JSON.stringify(typeof v === "object" ? (JSON.stringify(v) ?? "") : v);
  }
  return `[${record.dataset.ref},${JSON.stringify(record.recordKey)},${JSON.stringify(record.recordedAt)},[${values}]]`;
}

/**
 * Records of a source that offers no lines (one that changes records: the reviewer's
 * withholdings), as lines in collection's form, so one encoder writes both.
 */
async function* asLines(records: AsyncIterable<SpoolRecord>): AsyncGenerator<SpoolLines> {
  const datasets = new Map<number, SpoolDataset>();
  let lines: string[] = [];
  let size = 0;
  for await (const record of records) {
    datasets.set(record.dataset.ref, record.dataset);
    const line = recordLineJson(record);
    lines.push(line);
    size += line.length;
    if (size >= FLUSH_AT) {
      yield { bytes: Buffer.from(`${lines.join("\n")}\n`), at: 0, datasets };
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) yield { bytes: Buffer.from(`${lines.join("\n")}\n`), at: 0, datasets };
}

/**
 * A growable byte buffer that spool lines are encoded into as UTF-8 JSON, reused line after line
 * (ADR 050): a record line costs no string of its own, no piece strings and no UTF-8 conversion
 * of a whole line, which were a third of collection's cost beyond reading rows (issue 14 item 4).
 * `length` is the bytes written since the last `reset()`.
 */
export interface JsonBytes {
  bytes: Buffer;
  length: number;
}

export function createJsonBytes(initial = 64 * 1024): JsonBytes {
  return { bytes: Buffer.allocUnsafe(initial), length: 0 };
}

/** Room for `more` bytes past `length`: the buffer to write into (it may be a new, larger one). */
export function reserve(out: JsonBytes, more: number): Buffer {
  const need = out.length + more;
  if (need > out.bytes.length) {
    const grown = Buffer.allocUnsafe(Math.max(need, out.bytes.length * 2));
    out.bytes.copy(grown, 0, 0, out.length);
    out.bytes = grown;
  }
  return out.bytes;
}

/** Text known to be ASCII with nothing JSON escapes (punctuation, ISO times, numbers' String()). */
export function writeAscii(out: JsonBytes, text: string): void {
  out.length = putAscii(reserve(out, text.length), out.length, text);
}

/** One byte (a bracket, comma or newline). */
export function writeByte(out: JsonBytes, byte: number): void {
  reserve(out, 1)[out.length++] = byte;
}

/** Characters JSON.stringify escapes in a string: quote, backslash, controls, and (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Buffer's own latin1 writer, under Buffer.prototype.write since Node's beginnings: write(text,
 * offset, "latin1") sorts out its arguments and encoding first, which cost three times the copy.
 */
type LatinWriter = Buffer & { latin1Write(text: string, offset: number): number };

/** Longer strings are checked by a regular expression and copied by the buffer's own writer. */
const COPIED_BY_LOOP = 24;
/** Anything but printable ASCII other than the quote and the backslash. */
const NOT_PLAIN = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/**
 * A string as JSON.stringify writes it, in UTF-8. Printable ASCII (nearly every value a source
 * holds) is copied as it is by putPlainString; anything else (an accent, a quote, a control) takes
 * the slow way: the buffer's UTF-8 writer, or JSON.stringify when something needs escaping.
 */
export function writeJsonString(out: JsonBytes, text: string): void {
  const at = putPlainString(reserve(out, text.length + 2), out.length, text);
  if (at < 0) writeOtherString(out, text);
  else out.length = at;
}

/**
 * Writes `text` between quotes at `at` when it is printable ASCII with no quote or backslash, and
 * returns where the next byte goes; returns -1, having written nothing that counts, for any other
 * text (writeOtherString's work). The caller has made room for text.length + 2 bytes: a line
 * encoder reserves once per line and writes every cell by position (issue 14 item 4). A short
 * string is copied byte by byte while it is checked; a longer one by the buffer's writer once a
 * regular expression found nothing else in it (quicker than the loop past a few dozen characters).
 */
export function putPlainString(bytes: Buffer, at: number, text: string): number {
  const length = text.length;
  bytes[at++] = 34;
  if (length > COPIED_BY_LOOP) {
    if (NOT_PLAIN.test(text)) return -1;
    at += (bytes as LatinWriter).latin1Write(text, at);
  } else {
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) return -1;
      bytes[at++] = c;
    }
  }
  bytes[at++] = 34;
  return at;
}

/** Any string as JSON.stringify writes it, in UTF-8, past `length` (what putPlainString refuses). */
export function writeOtherString(out: JsonBytes, text: string): void {
  const json = NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
  // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
  const bytes = reserve(out, json.length * 3);
  out.length += bytes.write(json, out.length);
}

const MAX_DIGITS_INT = 2 ** 31;
/** Bytes putNumber may write: String() of a double is at most 24 characters ("-1.2345678901234567e-308"). */
const NUMBER_ROOM = 24;

/** A number as JSON.stringify writes it (NaN and Infinity as null: JSON has neither). */
export function writeJsonNumber(out: JsonBytes, value: number): void {
  out.length = putNumber(reserve(out, NUMBER_ROOM), out.length, value);
}

/**
 * A number as JSON.stringify writes it, at `at` (room for NUMBER_ROOM bytes made by the caller); returns where the next byte
 * goes. Integers of an int32's range (ids, counts, cents) digit by digit, with no string made.
 */
export function putNumber(bytes: Buffer, at: number, value: number): number {
  if (Number.isInteger(value) && value > -MAX_DIGITS_INT && value < MAX_DIGITS_INT) {
    let n = value;
    if (n < 0) {
      bytes[at++] = 45;
      n = -n;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    const end = at + digits;
    at = end;
    do {
      bytes[--at] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    return end;
  }
  return putAscii(bytes, at, Number.isFinite(value) ? String(value) : "null");
}

/** ASCII text with nothing to escape at `at` (room made by the caller); returns where the next byte goes. */
export function putAscii(bytes: Buffer, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
  return at;
}

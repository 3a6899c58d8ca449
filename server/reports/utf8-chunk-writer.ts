/** Bytes at which a writer's text is handed on: output chunks and spill writes alike. */
export const FLUSH_AT = 256 * 1024;
/** Room for FLUSH_AT bytes and a typical record line after them; a longer line starts a new buffer. */
const CHUNK_BYTES = FLUSH_AT + 64 * 1024;

/**
 * UTF-8 bytes appended text by text (or as bytes already UTF-8) into a preallocated buffer. Measured on the heavy person (90
 * MB of JSON): Buffer.from of 256 KB concatenated strings took 0.6 s of CPU, writing each record
 * line with buffer.write well under 0.1 s. A taken chunk goes to the output stream, which may hold
 * it until written, so the next chunk is written into a new buffer.
 */
export class ChunkWriter {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Full buffers and texts too long for one, in order. */
  private parts: Buffer[] = [];
  private partBytes = 0;

  get pending(): number {
    return this.partBytes + this.used;
  }

  /**
   * Bytes [start, end) of `source`, copied (the JSON's line encoders copy values' JSON text from the
   * spool's read buffer, ADR 021). Short runs, most of them, are copied byte by byte: cheaper than
   * a native copy's call.
   */
  bytes(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.used + length > this.buffer.length) this.room(length);
    const buffer = this.buffer;
    let used = this.used;
    if (length > 48) {
      buffer.set(source.subarray(start, end), used);
      used += length;
    } else {
      for (let i = start; i < end; i++) buffer[used++] = source[i]!;
    }
    this.used = used;
  }

  /** A whole constant, encoded once (bytes() of all of it). */
  constant(source: Uint8Array): void {
    this.bytes(source, 0, source.length);
  }

  /** A non-negative integer's decimal digits, as String(n) gives them (record numbers). */
  digits(n: number): void {
    if (!(n >= 0 && n <= 0x7fffffff && n === (n | 0))) return this.write(String(n));
    if (this.used + 10 > this.buffer.length) this.room(10);
    let length = 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) length++;
    const buffer = this.buffer;
    let at = (this.used += length);
    do {
      buffer[--at] = 0x30 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
  }

  write(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.push(this.cut());
      if (text.length * 3 > this.buffer.length) return this.push(Buffer.from(text, "utf8"));
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  take(): Buffer {
    const last = this.cut();
    if (this.parts.length === 0) return last;
    const chunk = Buffer.concat([...this.parts, last]);
    this.parts = [];
    this.partBytes = 0;
    return chunk;
  }

  /** A new buffer with room for `length` more bytes, the full one kept for take(). */
  private room(length: number): void {
    this.push(this.cut());
    if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
  }

  private push(part: Buffer): void {
    this.parts.push(part);
    this.partBytes += part.length;
  }

  private cut(): Buffer {
    const chunk = this.buffer.subarray(0, this.used);
    if (this.used > 0 || this.buffer.length > CHUNK_BYTES) this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    return chunk;
  }
}

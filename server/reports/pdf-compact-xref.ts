/**
 * pdfkit's object offsets, and its cross-reference table, in memory that does not grow with the
 * JavaScript heap (ADR 032).
 *
 * pdfkit keeps one JavaScript number per object in `_offsets` (a tagged table cell is an object,
 * so 1,000,000 records are about 6,000,000 of them; past 1 GB of file an offset is no longer a
 * small integer and each costs a heap number) and, at the end, pushes the cross-reference table
 * as one tiny buffer per object, all at once, whatever the output can take: at 1,000,000 records
 * that alone ran the render out of its 128 MB heap. Here the offsets live in typed arrays (5 bytes
 * per object, outside the heap) and the table is written in 1 MB blocks that wait for the output
 * to drain. The bytes written are the same as pdfkit's: same table, same trailer keys.
 *
 * Internals of pdfkit 0.20.2 (pinned): `ref()`, `_refEnd()`, `_finalize()`, `_offsets`,
 * `_waiting`, `_ended`, `_root`, `_info`, `_id`. `qpdf --check` in the PDF tests guards them.
 */

interface XrefDoc {
  _offsets: unknown;
  _offset: number;
  _waiting: number;
  _ended: boolean;
  _root: { toString(): string };
  _info: { toString(): string };
  _id: Uint8Array;
  readableLength: number;
  destroyed: boolean;
  _refEnd(ref: { id: number; offset: number }): void;
  _finalize(): void;
  _write(data: string | Uint8Array): void;
  push(chunk: Uint8Array | null): boolean;
  destroy(error?: Error): void;
}

/** Entries per block of the table (20 bytes each): about 1 MB. */
const BLOCK = 50_000;
const HIGH_WATER = 1 << 20;

const SHIFT = 16;
const PER_BLOCK = 1 << SHIFT;

/**
 * A list of file offsets in fixed blocks (never copied to grow): the low 32 bits and the high 8
 * of each (files up to 1 TB).
 */
class OffsetList {
  length = 0;
  private readonly low: Uint32Array[] = [];
  private readonly high: Uint8Array[] = [];

  push(): number {
    if (this.length === this.low.length * PER_BLOCK) {
      this.low.push(new Uint32Array(PER_BLOCK));
      this.high.push(new Uint8Array(PER_BLOCK));
    }
    return ++this.length;
  }

  set(index: number, offset: number): void {
    const block = index >>> SHIFT;
    const at = index & (PER_BLOCK - 1);
    this.low[block]![at] = offset % 0x1_0000_0000;
    this.high[block]![at] = Math.floor(offset / 0x1_0000_0000);
  }

  get(index: number): number {
    const block = index >>> SHIFT;
    const at = index & (PER_BLOCK - 1);
    return this.high[block]![at]! * 0x1_0000_0000 + this.low[block]![at]!;
  }
}

export function installCompactXref(target: object): void {
  const doc = target as XrefDoc;
  const offsets = new OffsetList();
  // The document's constructor has made its first objects (catalog, pages, structure root...).
  const made = doc._offsets as (number | null)[];
  for (const offset of made) offsets.set(offsets.push() - 1, offset ?? 0);
  // ref() reads `_offsets.length` and calls `_offsets.push(null)`; nothing else touches it but the
  // two methods replaced below.
  doc._offsets = offsets;
  doc._refEnd = function refEnd(this: XrefDoc, ref) {
    offsets.set(ref.id - 1, ref.offset);
    if (--this._waiting === 0 && this._ended) {
      this._finalize();
      this._ended = false;
    }
  };
  doc._finalize = function finalize(this: XrefDoc) {
    writeTable(this, offsets).catch((error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))));
  };
}

async function writeTable(doc: XrefDoc, offsets: OffsetList): Promise<void> {
  const start = doc._offset;
  doc._write("xref");
  doc._write(`0 ${offsets.length + 1}`);
  doc._write("0000000000 65535 f ");
  for (let from = 0; from < offsets.length; from += BLOCK) {
    const to = Math.min(offsets.length, from + BLOCK);
    let block = "";
    for (let i = from; i < to; i++) block += `${`0000000000${offsets.get(i)}`.slice(-10)} 00000 n \n`;
    doc._write(Buffer.from(block, "latin1"));
    while (doc.readableLength > HIGH_WATER) {
      if (doc.destroyed) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  const id = `<${Buffer.from(doc._id).toString("hex")}>`;
  doc._write("trailer");
  doc._write(`<<\n/Size ${offsets.length + 1}\n/Root ${doc._root.toString()}\n/Info ${doc._info.toString()}\n/ID [${id} ${id}]\n>>`);
  doc._write("startxref");
  doc._write(`${start}`);
  doc._write("%%EOF");
  doc.push(null);
}

import { once } from "node:events";
import type { Writable } from "node:stream";
import zlib from "node:zlib";
import { coalescePdfOutput } from "./coalesce-pdf-output";
import { installCompactXref } from "./pdf-compact-xref";
import { fitRunningHead } from "./fit-running-head";
import { FontFallback, type Font } from "./pdf-font-fallback";
import { installFastText, isSimpleText, type FastText } from "./pdf-fast-text";
import { PDF_FONTS, type PdfFont } from "./pdf-fonts";
import { PdfNavigation } from "./pdf-navigation";
import { StructWriter } from "./pdf-structure";
import { shortenToWidth } from "./shorten-to-width";
import { wrapText } from "./wrap-text";

export interface TextStyle {
  font: PdfFont;
  size: number;
  color?: string;
  /** Line advance in points; default 1.35 x size. */
  leading?: number;
}

export interface PageFurniture {
  header: string;
  /** Right of the first footer line. */
  request: string;
  /** Second footer line. */
  fingerprint: string;
  /** "Page 3 of " (the total is appended at the end) */
  pageOf: (page: number) => string;
  /** After the running head on a page a section continues on: "(continued)". */
  continued: string;
}

/** pdfkit's surface as this module uses it (the @types lack the tagging and stream calls). */
export type Doc = PDFKit.PDFDocument & {
  readableLength: number;
  push(chunk: Uint8Array | null): boolean;
  ref(data: Record<string, unknown>): { write(chunk: string): void; end(): void };
  page: PDFKit.PDFPage & { xobjects: Record<string, unknown>; dictionary: { data: { StructParents?: number } } };
  markContent(tag: string, options?: object): Doc;
  endMarkedContent(): Doc;
};

const HIGH_WATER = 1 << 20;
const SMALL: TextStyle = { font: "regular", size: 7.5, color: "#555555" };
const RUNNING: TextStyle = { font: "bold", size: 7.5, color: "#333333" };

/**
 * Page geometry, the cursor, page breaks and the running header and footer. Everything is drawn
 * in one streaming pass. "Page N of M" without knowing M in advance: every footer draws the
 * total as a shared form XObject whose content is written once, at the end, when M is known;
 * pdfkit's bufferPages would instead keep every page in memory until then.
 */
export class PdfCanvas {
  readonly left = 54;
  readonly right = 558;
  readonly width = 504;
  readonly top = 62;
  readonly bottom = 736;
  y = this.top;
  page = 0;
  readonly struct: StructWriter;
  readonly nav: PdfNavigation;
  private readonly fonts: Record<PdfFont, FastText>;
  private readonly total: { write(chunk: string): void; end(): void };
  private color = "";
  private readonly fitted = new Map<string, string>();
  private readonly fallback: FontFallback;
  private pagesSinceBreath = 0;

  constructor(
    readonly doc: Doc,
    private readonly furniture: PageFurniture,
    private readonly output: Writable,
  ) {
    this.fonts = { regular: installFastText(doc, PDF_FONTS.regular), bold: installFastText(doc, PDF_FONTS.bold) };
    this.struct = new StructWriter(doc);
    this.fallback = new FontFallback(doc);
    this.nav = new PdfNavigation(doc as unknown as ConstructorParameters<typeof PdfNavigation>[0], this.fonts.regular, furniture.continued);
    coalescePdfOutput(doc as unknown as Parameters<typeof coalescePdfOutput>[0]);
    installCompactXref(doc);
    const { name, ref } = this.fonts.regular.resource;
    this.total = doc.ref({ Type: "XObject", Subtype: "Form", BBox: [0, 0, 60, 12], Resources: { Font: { [name]: ref } } });
  }

  measure(text: string, style: TextStyle): number {
    if (isSimpleText(text)) return this.fonts[style.font].width(text, style.size);
    return this.fallback.width(text, style.size, this.primary(style));
  }

  wrap(text: string, width: number, style: TextStyle): string[] {
    const font = this.fonts[style.font];
    return wrapText(text, width, (t) => (isSimpleText(t) ? font.width(t, style.size) : this.measure(t, style)));
  }

  /** pdfkit's font object for `style` (selecting it). */
  private primary(style: TextStyle): Font {
    this.doc.font(PDF_FONTS[style.font]);
    return (this.doc as unknown as { _font: Font })._font;
  }

  /** `text` cut with an ellipsis to fit the text width on one line, on a word when one ends near. */
  fit(text: string, style: TextStyle, width = this.width): string {
    const key = `${style.font} ${style.size} ${width} ${text}`;
    const known = this.fitted.get(key);
    if (known !== undefined) return known;
    const result = shortenToWidth(text, width, (t) => this.measure(t, style));
    // The header and contents entries repeat; the cache only spares re-measuring them.
    if (this.fitted.size > 64) this.fitted.clear();
    this.fitted.set(key, result);
    return result;
  }

  leading(style: TextStyle): number {
    return style.leading ?? style.size * 1.35;
  }

  newPage(): void {
    this.page += 1;
    this.pagesSinceBreath += 1;
    this.y = this.top;
    this.struct.flush();
    this.doc.addPage({ size: "LETTER", margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    fastDeflate(this.doc.page as unknown as { content: StreamRef });
    releaseFinishedPages(this.doc, this.struct);
    this.color = "";
    this.struct.foldFinishedPages(this.doc.page.dictionary.data.StructParents);
    this.artifact("Pagination", () => {
      // The running head names the part, category and dataset the page belongs to (ADR 031).
      const running = this.nav.head();
      const head = running && fitRunningHead(running.parts, running.suffix, this.width, (text) => this.measure(text, RUNNING));
      this.text([this.fit(this.furniture.header, SMALL)], this.left, head ? 20 : 30, SMALL);
      if (head) this.text([head], this.left, 31, RUNNING);
      this.rule(this.left, this.right, 44, "#9a9a9a", 0.5);
      this.rule(this.left, this.right, 748, "#9a9a9a", 0.5);
      const pageOf = this.furniture.pageOf(this.page);
      this.text([pageOf, this.furniture.fingerprint], this.left, 752, SMALL);
      this.doc.page.xobjects.Total = this.total;
      this.doc.addContent(`q 1 0 0 1 ${this.left + this.measure(pageOf, SMALL)} 752 cm /Total Do Q`);
      this.text([this.furniture.request], this.right - this.measure(this.furniture.request, SMALL), 752, SMALL);
    });
  }

  /** Starts a new page when `height` does not fit below the cursor; true if it did. */
  ensure(height: number): boolean {
    if (this.page > 0 && this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  text(lines: readonly string[], x: number, y: number, style: TextStyle): void {
    const color = style.color ?? "#1a1a1a";
    if (this.color !== color) this.doc.fillColor(color);
    this.color = color;
    const leading = this.leading(style);
    if (this.fonts[style.font].draw(lines, x, y, style.size, leading)) return;
    this.doc.font(PDF_FONTS[style.font]).fontSize(style.size);
    // Characters Noto Sans lacks (emoji, symbols) are drawn in a fallback font, never as boxes.
    for (let i = 0; i < lines.length; i++) if (lines[i]) this.fallback.draw(lines[i]!, x, y + i * leading, style.size, PDF_FONTS[style.font]);
  }

  /** Decoration and page furniture are artifacts: assistive technology skips them. */
  artifact(type: "Pagination" | "Layout", draw: () => void): void {
    this.doc.markContent("Artifact", { type });
    draw();
    this.doc.endMarkedContent();
  }

  rule(x1: number, x2: number, y: number, color: string, width: number): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke().restore();
  }

  fill(x: number, y: number, width: number, height: number, color: string): void {
    this.doc.save().rect(x, y, width, height).fillColor(color).fill().restore();
  }

  /** Lets the output drain after new pages, so a big disclosure never piles up in memory. */
  async breathe(): Promise<void> {
    if (this.pagesSinceBreath === 0) return;
    this.pagesSinceBreath = 0;
    if (this.output.destroyed) throw new Error("pdf: the output was closed before the document was complete");
    while (this.doc.readableLength > HIGH_WATER || this.output.writableLength > HIGH_WATER) {
      if (this.output.writableNeedDrain) await once(this.output, "drain");
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Writes the last parent-tree entries and the page total (shared footer XObject); call once, at the end. */
  finish(): void {
    this.struct.foldFinishedPages(undefined);
    this.struct.flush();
    // After the flush: pending structure elements' offsets assume nothing else is written first.
    this.nav.finish();
    const font = this.fonts.regular;
    const hex = font.hex(String(this.page)) ?? "";
    this.total.write(`BT /${font.resource.name} ${SMALL.size} Tf 1 0 0 -1 0 ${font.ascent(SMALL.size).toFixed(2)} Tm <${hex}> Tj ET`);
    this.total.end();
  }
}

interface StreamRef {
  write(chunk: string | Uint8Array): void;
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
  finalize(): void;
}

/**
 * Page content streams are deflated at zlib level 1 instead of pdfkit's default 6: at 20,000
 * pages of table text, level 6 was 13% of the render's CPU for a stream about 15% smaller. Same
 * filter (FlateDecode), same bytes for the same input.
 */
function fastDeflate(page: { content: StreamRef }): void {
  const ref = page.content;
  const write = ref.write.bind(ref);
  // pdfkit converts each operator string with a per-character loop into its own buffer; here a
  // page's operators are joined and converted once (latin1 keeps the same low bytes), in order.
  let pending = "";
  const flush = () => {
    if (pending === "") return;
    write(Buffer.from(pending, "latin1"));
    pending = "";
  };
  ref.write = (chunk) => {
    if (typeof chunk === "string") pending += `${chunk}\n`;
    else {
      flush();
      write(chunk);
    }
  };
  const finalize = ref.finalize.bind(ref);
  ref.finalize = () => {
    flush();
    if (ref.compress && ref.buffer.length > 0) {
      ref.buffer = [zlib.deflateSync(Buffer.concat(ref.buffer), { level: 1 })];
      ref.compress = false;
      ref.data.Filter = "FlateDecode";
    }
    finalize();
  };
}

/**
 * pdfkit keeps every page's dictionary (with its resources and content references) in the page
 * tree's Kids until the end of the document; once a page is written, only its "N 0 R" is needed.
 */
function releaseFinishedPages(doc: Doc, struct: StructWriter): void {
  const kids = (doc as unknown as { _root: { data: { Pages: { data: { Kids: unknown[] } } } } })._root.data.Pages.data.Kids;
  const previous = kids.length - 2;
  if (previous >= 0) kids[previous] = struct.raw(String(kids[previous]));
}

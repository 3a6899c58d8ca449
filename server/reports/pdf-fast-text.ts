/**
 * Fast text for the disclosure PDF. pdfkit lays out every word with fontkit's full OpenType shaper
 * (~90 µs per new word with Noto Sans), caches each distinct word forever (`layoutCache`), and
 * emits a dozen content operators and buffers per `doc.text()` call: for 100,000 records of URLs,
 * ids and timestamps that is tens of seconds and hundreds of MB. For text made only of Latin
 * letters, digits and common punctuation, shaping changes nothing but kerning, so here:
 * - `width` measures from the glyph advance widths, and `draw` writes a cell's lines as one
 *   BT/ET block of hex glyph ids, registering each glyph in pdfkit's font subset with its Unicode
 *   value (so the text extracts and the font embeds exactly as pdfkit's own path does);
 * - pdfkit's `layoutRun` takes the same shortcut for such words, so the `doc.text()` fallback used
 *   for anything else (combining marks, other scripts) measures the same; those runs still go
 *   through fontkit, with a small bounded cache. Use with `fontLayoutCache: false`.
 * Internals of pdfkit 0.20.2's EmbeddedFont (pinned); the PDF tests (pdftotext, pdffonts) guard them.
 */

const SIMPLE = /^[\u0020-\u007e\u00a0-\u017f\u2010-\u2027\u2030-\u203a\u20ac]*$/;
const TABLE_SIZE = 0x2100;

/** Text the fast path draws: Noto Sans has every glyph of it, and shaping changes nothing. */
export const isSimpleText = (text: string): boolean => SIMPLE.test(text);
const FALLBACK_CACHE = 2_000;

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface Run {
  glyphs: Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[];
  advanceWidth: number;
}
interface EmbeddedFont {
  id: string;
  scale: number;
  ascender: number;
  font: { glyphForCodePoint(codePoint: number): Glyph };
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  layoutRun(text: string, features?: unknown): Run;
  widthOfString(text: string, size: number): number;
}
interface FontDoc {
  font(src: string): unknown;
  _font: unknown;
  page: { fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

export interface FastText {
  /** The font's resource name on a page ("F1") and its font dictionary. */
  readonly resource: { name: string; ref: unknown };
  /** Hex glyph ids of `text` for a Tj operator, or null if it needs shaping. */
  hex(text: string): string | null;
  /** Distance from the top of a line to its baseline at `size`. */
  ascent(size: number): number;
  /** Width in points of `text` at `size`, as it will be drawn. */
  width(text: string, size: number): number;
  /** Draws lines top-down from (x, y) in page coordinates; false (nothing drawn) if a line needs shaping. */
  draw(lines: readonly string[], x: number, y: number, size: number, leading: number): boolean;
}

const fixed = (n: number): string => String(Math.round(n * 100) / 100);

export function installFastText(doc: object, fontPath: string): FastText {
  const pdf = doc as FontDoc;
  pdf.font(fontPath);
  const font = pdf._font as EmbeddedFont;
  const glyphs: (Glyph | undefined)[] = new Array(TABLE_SIZE);
  const widths = new Float64Array(TABLE_SIZE).fill(-1);
  const hexes: (string | undefined)[] = new Array(TABLE_SIZE);
  const glyphOf = (code: number): Glyph => (glyphs[code] ??= font.font.glyphForCodePoint(code));
  const hexOf = (code: number): string => {
    let hex = hexes[code];
    if (hex === undefined) {
      const glyph = glyphOf(code);
      const gid = font.subset.includeGlyph(glyph.id);
      font.widths[gid] ??= glyph.advanceWidth * font.scale;
      font.unicode[gid] ??= glyph.codePoints;
      hex = hexes[code] = gid.toString(16).padStart(4, "0");
    }
    return hex;
  };

  const shaped = font.layoutRun.bind(font);
  const fallback = new Map<string, Run>();
  font.layoutRun = (text: string, features?: unknown): Run => {
    if (features) return shaped(text, features);
    if (!SIMPLE.test(text)) {
      let run = fallback.get(text);
      if (!run) {
        if (fallback.size >= FALLBACK_CACHE) fallback.clear();
        fallback.set(text, (run = shaped(text)));
      }
      return run;
    }
    const run: Run = { glyphs: [], positions: [], advanceWidth: 0 };
    for (let i = 0; i < text.length; i++) {
      const glyph = glyphOf(text.charCodeAt(i));
      const advance = glyph.advanceWidth * font.scale;
      run.glyphs.push(glyph);
      run.positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
      run.advanceWidth += advance;
    }
    return run;
  };

  // An array joined once: concatenating per character would leave a chain of string pieces per line.
  const hexOfText = (text: string): string => {
    const parts = new Array<string>(text.length);
    for (let c = 0; c < text.length; c++) parts[c] = hexOf(text.charCodeAt(c));
    return parts.join("");
  };

  return {
    resource: { name: font.id, ref: font.ref() },
    hex: (text) => (SIMPLE.test(text) ? hexOfText(text) : null),
    ascent: (size) => (font.ascender / 1000) * size,
    width(text, size) {
      if (!SIMPLE.test(text)) return font.widthOfString(text, size);
      let total = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        let width = widths[code]!;
        if (width < 0) width = widths[code] = glyphOf(code).advanceWidth * font.scale;
        total += width;
      }
      return (total * size) / 1000;
    },
    draw(lines, x, y, size, leading) {
      if (!lines.every((line) => SIMPLE.test(line))) return false;
      pdf.page.fonts[font.id] ??= font.ref();
      // pdfkit's page space is flipped (origin top-left); the text matrix flips the glyphs back.
      const ascent = (font.ascender / 1000) * size;
      let out = `BT /${font.id} ${fixed(size)} Tf`;
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line === "") continue;
        out += ` 1 0 0 -1 ${fixed(x)} ${fixed(y + i * leading + ascent)} Tm <${hexOfText(line)}> Tj`;
      }
      // A Uint8Array skips pdfkit's per-character string conversion.
      pdf.addContent(Buffer.from(`${out} ET\n`, "latin1") as unknown as string);
      return true;
    },
  };
}

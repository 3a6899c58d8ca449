import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Fonts tried, in order, for a character Noto Sans lacks (ADR 031): monochrome Noto Emoji (a PDF
 * is printed, and colour emoji fonts are bitmaps pdfkit cannot embed), then Noto Sans Symbols 2
 * (check marks, dingbats, stars, chess, braille), then Noto Sans Math (arrows and operators,
 * which neither has). Selected by file path, like PDF_FONTS.
 */
export const FALLBACK_FONTS = [
  require.resolve("@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf"),
] as const;

/** pdfkit's EmbeddedFont as far as measuring and choosing is concerned. */
export interface Font {
  ascender: number;
  font: { hasGlyphForCodePoint(codePoint: number): boolean };
  widthOfString(text: string, size: number): number;
}
interface FallbackDoc {
  font(src: string): FallbackDoc;
  fontSize(size: number): FallbackDoc;
  text(text: string, x: number, y: number, options: object): FallbackDoc;
  _font: Font;
}

export interface TextRun {
  /** A fallback font's path, or null for the style's own font. */
  font: string | null;
  text: string;
}

/** Joiners, variation selectors and combining marks stay with the character before them. */
const MARK = /^\p{M}$/u;
const clings = (code: number, char: string): boolean => code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || code === 0x20e3 || MARK.test(char);

/**
 * Splits text into runs by the first font that has each character's glyph, and draws and measures
 * them, so no character becomes an empty box. The fallback fonts are loaded the first time a
 * character needs them: a document without such characters does not embed them.
 */
export class FontFallback {
  private loaded: { path: string; font: Font }[] | null = null;

  constructor(private readonly doc: object) {}

  runs(text: string, primary: Font): TextRun[] {
    const runs: TextRun[] = [];
    let current: TextRun | null = null;
    for (const char of text) {
      const code = char.codePointAt(0)!;
      let font: string | null = null;
      if (current && clings(code, char)) font = current.font;
      else if (!primary.font.hasGlyphForCodePoint(code)) font = this.fallbacks().find((f) => f.font.font.hasGlyphForCodePoint(code))?.path ?? null;
      if (current && current.font === font) current.text += char;
      else runs.push((current = { font, text: char }));
    }
    return runs;
  }

  /** Width of `text` at `size` with each run in its font. */
  width(text: string, size: number, primary: Font): number {
    let width = 0;
    for (const run of this.runs(text, primary)) width += (run.font ? this.fontAt(run.font) : primary).widthOfString(run.text, size);
    return width;
  }

  /**
   * Draws one line at (x, y) (top of the line) with `primaryPath` selected at `size`; each run in
   * its font, on the primary font's baseline. Leaves the primary font selected.
   */
  draw(line: string, x: number, y: number, size: number, primaryPath: string): void {
    const doc = this.doc as FallbackDoc;
    const primary = doc._font;
    let left = x;
    for (const run of this.runs(line, primary)) {
      const font = run.font ? this.fontAt(run.font) : primary;
      doc.font(run.font ?? primaryPath).fontSize(size);
      doc.text(run.text, left, y + ((primary.ascender - font.ascender) / 1000) * size, { lineBreak: false });
      left += font.widthOfString(run.text, size);
    }
    doc.font(primaryPath).fontSize(size);
  }

  private fontAt(path: string): Font {
    return this.fallbacks().find((f) => f.path === path)!.font;
  }

  private fallbacks(): { path: string; font: Font }[] {
    if (this.loaded) return this.loaded;
    const doc = this.doc as FallbackDoc;
    const previous = doc._font;
    this.loaded = FALLBACK_FONTS.map((path) => ({ path, font: doc.font(path)._font }));
    doc._font = previous;
    return this.loaded;
  }
}

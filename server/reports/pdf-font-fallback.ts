import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Fonts tried, in order, for a character Noto Sans lacks (ADR 031): monochrome Noto Emoji (a PDF
 * is printed, and colour emoji fonts are bitmaps pdfkit cannot embed), then Noto Sans Symbols 2
 * (check marks, dingbats, stars, chess, braille), then Noto Sans Math (arrows and operators,
 * which neither has), then Noto Sans SC (Chinese, simplified and traditional, and Japanese kana
 * and kanji) and Noto Sans KR (Hangul): a California customer's name in Chinese, Japanese or
 * Korean was a row of empty boxes (ADR 059). The CJK fonts come last and, like every fallback,
 * are read only when a character needs them: 10 MB each, never loaded for a Latin-only document.
 * Selected by file path, like PDF_FONTS.
 */
export const FALLBACK_FONTS = [
  require.resolve("@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  require.resolve("@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf"),
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
 * them, so no character becomes an empty box. Each fallback font is loaded the first time a
 * character gets to it: a document without such characters does not embed them.
 */
export class FontFallback {
  /** Fallback fonts by their index in FALLBACK_FONTS, each loaded the first time it is tried. */
  private readonly loaded: (Font | undefined)[] = [];

  constructor(private readonly doc: object) {}

  runs(text: string, primary: Font): TextRun[] {
    const runs: TextRun[] = [];
    let current: TextRun | null = null;
    for (const char of text) {
      const code = char.codePointAt(0)!;
      let font: string | null = null;
      if (current && clings(code, char)) font = current.font;
      else if (!primary.font.hasGlyphForCodePoint(code)) font = this.fallbackFor(code);
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
    return this.load(FALLBACK_FONTS.indexOf(path as (typeof FALLBACK_FONTS)[number]));
  }

  /** The first fallback font with a glyph for `code`, loading fonts in order only as far as needed. */
  private fallbackFor(code: number): string | null {
    for (let i = 0; i < FALLBACK_FONTS.length; i++) if (this.load(i).font.hasGlyphForCodePoint(code)) return FALLBACK_FONTS[i]!;
    return null;
  }

  private load(index: number): Font {
    const cached = this.loaded[index];
    if (cached) return cached;
    const doc = this.doc as FallbackDoc;
    const previous = doc._font;
    const font = doc.font(FALLBACK_FONTS[index]!)._font;
    doc._font = previous;
    this.loaded[index] = font;
    return font;
  }
}

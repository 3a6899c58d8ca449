import type { PdfCanvas, TextStyle } from "./pdf-canvas";
import type { NavLevel } from "./pdf-navigation";
import type { StructNode } from "./pdf-structure";

export type BlockType = "H1" | "H2" | "H3" | "H4" | "H5" | "P";

export const BLOCK_STYLES: Record<BlockType, TextStyle & { before: number; after: number }> = {
  H1: { font: "bold", size: 17, leading: 22, before: 0, after: 8 },
  H2: { font: "bold", size: 13, leading: 17, before: 14, after: 6 },
  H3: { font: "bold", size: 11, leading: 14.5, before: 10, after: 4 },
  H4: { font: "bold", size: 9.5, leading: 12.5, before: 8, after: 4 },
  H5: { font: "bold", size: 9, leading: 12, before: 6, after: 3 },
  P: { font: "regular", size: 10, leading: 14, before: 0, after: 7 },
};

/** The height a block takes with the space before and after it (when not at the top of a page). */
export function blockHeight(canvas: PdfCanvas, type: BlockType, text: string): number {
  const style = BLOCK_STYLES[type];
  return style.before + canvas.wrap(text, canvas.width, style).length * canvas.leading(style) + style.after;
}

/**
 * A heading or paragraph across the full text width, tagged with its type (H1-H4 give the
 * reading order and outline a screen reader navigates by). A heading is kept with `keepWithNext`
 * points of what follows; a paragraph keeps at least two lines together and continues on the next
 * page when long.
 */
export function drawTextBlock(
  canvas: PdfCanvas,
  parent: StructNode,
  type: BlockType,
  text: string,
  options: {
    keepWithNext?: number;
    style?: Partial<TextStyle>;
    /**
     * A heading readers navigate by (ADR 031): bookmarked at `level` in the outline (under `title`,
     * default the heading's text), named in the running head of the pages that follow, and, with
     * `key`, the target of a contents entry.
     */
    nav?: { level: NavLevel; title?: string; key?: string; running?: boolean };
  } = {},
): void {
  const style = { ...BLOCK_STYLES[type], ...options.style };
  const lines = canvas.wrap(text, canvas.width, style);
  const leading = canvas.leading(style);
  const together = type === "P" ? Math.min(lines.length, lines.length <= 3 ? 3 : 2) : lines.length;
  const before = canvas.y > canvas.top ? style.before : 0;
  const keep = options.keepWithNext ? style.after + options.keepWithNext : 0;
  const nav = options.nav;
  const title = nav?.title ?? text;
  if (nav && nav.running !== false) canvas.nav.enter(nav.level, title);
  canvas.nav.starting = nav !== undefined;
  if (!canvas.ensure(before + together * leading + keep)) canvas.y += before;
  canvas.nav.starting = false;
  if (nav) canvas.nav.reach(nav.level, title, canvas.y, canvas.page, nav.key);

  const { struct } = canvas;
  const node = struct.open(parent, type);
  let done = 0;
  while (done < lines.length) {
    const fits = Math.floor((canvas.bottom - canvas.y) / leading);
    if (fits < 1) {
      canvas.newPage();
      continue;
    }
    const slice = lines.slice(done, done + fits);
    struct.beginMark(node);
    canvas.text(slice, canvas.left, canvas.y, style);
    struct.endMark(node);
    canvas.y += slice.length * leading;
    done += slice.length;
  }
  struct.close(parent, node);
  canvas.y += style.after;
}

import { drawTextBlock } from "./draw-text-block";
import type { TextStyle } from "./pdf-canvas";
import { inSection, type PdfContext } from "./pdf-context";
import { PAGE_NUMBER_BOX } from "./pdf-navigation";
import type { PiecesPlan } from "./plan-specific-pieces";

export interface ContentsEntry {
  /** 0 a part, 1 a category, 2 a dataset: the indent. */
  depth: number;
  text: string;
  /** The heading this entry points to (drawTextBlock's nav.key). */
  key: string;
}

const STYLES: TextStyle[] = [
  { font: "bold", size: 10, leading: 15 },
  { font: "regular", size: 9.5, leading: 13.5 },
  { font: "regular", size: 8.5, leading: 12, color: "#333333" },
];
const INDENT = 14;

/** Keys shared by the contents and the headings they point to. */
export const CONTENTS_KEYS = {
  categories: "part:categories",
  pieces: "part:pieces",
  withheld: "part:withheld",
  sources: "part:sources",
  about: "part:about",
  category: (code: string) => `category:${code}`,
  dataset: (code: string, sourceId: string, datasetId: string) => `dataset:${code}:${sourceId}:${datasetId}`,
} as const;

/** A dataset's name as the contents, outline and running head give it. */
export function datasetTitle(dataset: string, source: string): string {
  return source ? `${dataset} (${source})` : dataset;
}

/** The contents of this document: its parts and, in Part 2, each category and dataset with pieces. */
export function contentsEntries(context: PdfContext, plan: PiecesPlan | undefined): ContentsEntry[] {
  const { text, model } = context;
  const entries: ContentsEntry[] = [
    { depth: 0, text: text.categories.heading, key: CONTENTS_KEYS.categories },
    { depth: 0, text: text.pieces.heading, key: CONTENTS_KEYS.pieces },
  ];
  if (plan && model.contents === "categories_and_specific_pieces") {
    for (const category of plan.categories) {
      entries.push({ depth: 1, text: `${category.code}. ${category.label}`, key: CONTENTS_KEYS.category(category.code) });
      for (const group of category.datasets) entries.push({ depth: 2, text: datasetTitle(group.dataset, group.source), key: CONTENTS_KEYS.dataset(category.code, group.sourceId, group.datasetId) });
    }
  }
  entries.push({ depth: 0, text: text.withheld.heading, key: CONTENTS_KEYS.withheld }, { depth: 0, text: text.sources.heading, key: CONTENTS_KEYS.sources }, { depth: 0, text: text.about.heading, key: CONTENTS_KEYS.about });
  return entries;
}

/**
 * The contents page (ADR 031): every part, category and dataset with the page it starts on. The
 * page numbers are drawn as references filled in at the end (PdfNavigation), so the document is
 * still written in one pass. Tagged TOC / TOCI; each entry is one line, cut to fit.
 */
export async function drawContents(context: PdfContext, plan: PiecesPlan | undefined): Promise<void> {
  const { canvas, nav } = context;
  const entries = contentsEntries(context, plan);
  await inSection(context, (sect) => {
    const first = STYLES[0]!;
    drawTextBlock(canvas, sect, "H2", nav.contents, { keepWithNext: 3 * canvas.leading(first), nav: { level: 1, running: false } });
    const { struct } = canvas;
    const toc = struct.open(sect, "TOC");
    for (const entry of entries) {
      const style = STYLES[entry.depth]!;
      const leading = canvas.leading(style);
      const space = entry.depth === 0 ? 4 : 0;
      if (!canvas.ensure(space + leading)) canvas.y += space;
      const x = canvas.left + entry.depth * INDENT;
      const width = canvas.right - PAGE_NUMBER_BOX - 8 - x;
      struct.leaf(toc, "TOCI", () => {
        canvas.text([canvas.fit(entry.text, style, width)], x, canvas.y, style);
        canvas.nav.drawPageNumber(entry.key, canvas.right - PAGE_NUMBER_BOX, canvas.y, style.size);
      });
      canvas.y += leading;
    }
    struct.close(sect, toc);
    canvas.y += 8;
  });
}

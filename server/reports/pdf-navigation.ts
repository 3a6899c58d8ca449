import type { FastText } from "./pdf-fast-text";

/** pdfkit's outline as this module uses it (typed loosely in @types/pdfkit). */
interface OutlineItem {
  addItem(title: string, options?: { fit?: boolean; top?: number; left?: number; zoom?: number; expanded?: boolean }): OutlineItem;
}
interface NavDoc {
  outline: OutlineItem;
  ref(data: Record<string, unknown>): { write(chunk: string): void; end(): void };
  page: { xobjects: Record<string, unknown> };
  addContent(data: string): unknown;
}

/** Where a heading sits in the document: 1 a part, 2 a category, 3 a dataset. */
export type NavLevel = 1 | 2 | 3;

const PAGE_WIDTH = 612;
/** Width of the box a contents entry's page number is drawn in, right-aligned. */
export const PAGE_NUMBER_BOX = 40;

/**
 * What lets a reader find their way in a PDF of any length (ADR 031): the outline (bookmarks) of
 * parts, categories and datasets; the running head naming the part, category and dataset a page
 * belongs to; and the page numbers of the contents page, which is drawn before the pages it
 * points to exist. Like the footer's page total, each such number is a small form XObject whose
 * content is written at the end, so nothing is buffered: pdfkit's bufferPages would keep every
 * page of the document in memory until then.
 */
export class PdfNavigation {
  private readonly outline: (OutlineItem | null)[];
  private readonly running: string[] = [];
  private readonly targets = new Map<string, { name: string; size: number; ref: { write(chunk: string): void; end(): void }; page: number | null }>();
  /** True while a heading is being placed: a page it starts is its own, not a continuation. */
  starting = false;

  constructor(
    private readonly doc: NavDoc,
    private readonly font: FastText,
    private readonly continued: string,
  ) {
    this.outline = [doc.outline, null, null, null];
  }

  /** Sets the running head from `level` down (before the heading's page break is decided). */
  enter(level: NavLevel, title: string): void {
    this.running.length = level - 1;
    this.running[level - 1] = title;
  }

  /** Bookmarks the heading just placed at `top` (points from the page top) and records its page. */
  reach(level: NavLevel, title: string, top: number, page: number, key?: string): void {
    let parent = level - 1;
    while (parent > 0 && !this.outline[parent]) parent -= 1;
    const item = this.outline[parent]!.addItem(title, { fit: false, top, left: PAGE_WIDTH, zoom: 0 });
    this.outline[level] = item;
    for (let deeper = level + 1; deeper < this.outline.length; deeper++) this.outline[deeper] = null;
    const target = key ? this.targets.get(key) : undefined;
    if (target && target.page === null) target.page = page;
  }

  /**
   * The running head of a new page: part, category and dataset, with "(continued)" when it is
   * one; null before the first heading. fitRunningHead joins and fits them to the page.
   */
  head(): { parts: string[]; suffix: string } | null {
    const parts = this.running.filter(Boolean);
    if (parts.length === 0) return null;
    return { parts, suffix: this.starting ? "" : this.continued };
  }

  /**
   * Draws the page number of the heading named `key` right-aligned in a box ending at x + PAGE_NUMBER_BOX,
   * with its top at y; the number is written by finish().
   */
  drawPageNumber(key: string, x: number, y: number, size: number): void {
    let target = this.targets.get(key);
    if (!target) {
      const { name, ref } = this.font.resource;
      const form = this.doc.ref({ Type: "XObject", Subtype: "Form", BBox: [0, 0, PAGE_NUMBER_BOX, size * 1.4], Resources: { Font: { [name]: ref } } });
      target = { name: `Nav${this.targets.size}`, size, ref: form, page: null };
      this.targets.set(key, target);
    }
    this.doc.page.xobjects[target.name] = target.ref;
    this.doc.addContent(`q 1 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)} cm /${target.name} Do Q`);
  }

  /** Writes every contents page number; call once, at the end. */
  finish(): void {
    for (const target of this.targets.values()) {
      const { size } = target;
      const text = target.page === null ? "" : String(target.page);
      const hex = this.font.hex(text) ?? "";
      const x = PAGE_NUMBER_BOX - this.font.width(text, size);
      target.ref.write(`BT /${this.font.resource.name} ${size} Tf 1 0 0 -1 ${x.toFixed(2)} ${this.font.ascent(size).toFixed(2)} Tm <${hex}> Tj ET`);
      target.ref.end();
    }
  }
}

import type { PdfCanvas, TextStyle } from "./pdf-canvas";
import { TH_SCOPE, type StructNode } from "./pdf-structure";

export interface TableColumn {
  header: string;
  width: number;
}

export type Cell = string | { text: string; style: TextStyle } | { lists: CellList[] };

/**
 * A bulleted list in a cell (ADR 031), tagged L > LI > Lbl + LBody, under an optional label (its
 * own P: "Sold to:"); `empty` is said in words when there are no items ("no one", R24).
 */
export interface CellList {
  label?: string;
  items: readonly string[];
  empty: string;
}

/** Lines of a list cell drawn with one structure element, at an indent, from line `from` of the cell. */
interface Segment {
  node: StructNode;
  from: number;
  lines: string[];
  x: number;
  style: TextStyle;
}
interface CellLayout {
  segments: Segment[];
  /** Closes the cell's elements, children before parents, in reading order. */
  close: () => void;
}

/** Space between a cell's text and its edges. */
export const CELL_PAD = 3;
const PAD = CELL_PAD;
const HEAD: TextStyle = { font: "bold", size: 8.5 };
const BODY: TextStyle = { font: "regular", size: 8.5 };
const LIST_LABEL: TextStyle = { font: "bold", size: 8.5 };
const BULLET = "\u2022";
/** Where an item's text starts, right of its bullet. */
const BULLET_INDENT = 8;

/**
 * A table drawn row by row from a stream, for any number of rows in flat memory: each row is
 * tagged (TR with TH/TD, header cells scoped to their column; with `rowHeaders`, first cells
 * scoped to their row) and written as soon as it is drawn. pdfkit's doc.table() does not repeat
 * the header on a new page, so page breaks happen here: the header row is repeated on every page
 * as a pagination artifact (the structure keeps one header row, as PDF/UA expects), a row never
 * splits unless it is taller than a page, and then it continues under the repeated header.
 */
export class PdfTable {
  private node: StructNode | null = null;
  private headerPending = false;
  private readonly headLines: string[][];
  private readonly headHeight: number;

  constructor(
    private readonly canvas: PdfCanvas,
    private readonly parent: StructNode,
    private readonly columns: readonly TableColumn[],
    private readonly options: { rowHeaders?: boolean; body?: TextStyle; head?: TextStyle } = {},
  ) {
    this.headLines = columns.map((c) => canvas.wrap(c.header, c.width - 2 * PAD, this.headStyle));
    this.headHeight = Math.max(...this.headLines.map((l) => l.length)) * canvas.leading(this.headStyle) + 2 * PAD;
  }

  /**
   * The height begin() and the first row will need together: what a heading drawn just before the
   * table must keep with it, so it never ends a page alone.
   */
  startHeight(firstRow: readonly Cell[] | null): number {
    const leading = this.canvas.leading(this.bodyStyle);
    const lines = firstRow ? this.layout(firstRow).total : 1;
    return this.headHeight + (lines <= this.perPage ? lines : 3) * leading + 2 * PAD;
  }

  /** The header and `body` points of rows: what a heading must keep with it when begin() is given `body`. */
  headedHeight(body: number): number {
    return this.headHeight + body;
  }

  /**
   * Opens the table; keeps the header together with the first row (its cells), or with
   * `firstRow` points of body (3 lines if not given).
   */
  begin(firstRow: readonly Cell[] | number = 3 * this.canvas.leading(this.bodyStyle) + 2 * PAD): void {
    this.canvas.ensure(typeof firstRow === "number" ? this.headedHeight(firstRow) : this.startHeight(firstRow));
    this.node = this.canvas.struct.open(this.parent, "Table");
    // The header row is drawn with the first body row, once that row's height is known, so a tall
    // first row never leaves the header alone at the bottom of a page.
    this.headerPending = true;
  }

  row(cells: readonly Cell[]): void {
    const { canvas, columns } = this;
    const { struct } = canvas;
    const table = this.tableNode;
    const count = cells.length;
    const { styles, lines, total } = this.layout(cells);
    const leading = canvas.leading(this.bodyStyle);
    let lists: (CellLayout | null)[] | null = null;
    const perPage = this.perPage;
    if (this.headerPending) {
      canvas.ensure(this.headHeight + Math.min(total, perPage) * leading + 2 * PAD);
      this.drawHeader(true);
      this.headerPending = false;
    }
    const tr = struct.open(table, "TR");
    const nodes: StructNode[] = [];
    for (let i = 0; i < count; i++) nodes.push(this.options.rowHeaders && i === 0 ? struct.open(tr, "TH", TH_SCOPE.Row) : struct.open(tr, "TD"));
    if (cells.some((cell) => typeof cell === "object" && "lists" in cell)) {
      lists = cells.map((cell, i) => (typeof cell === "object" && "lists" in cell ? this.layoutLists(cell.lists, nodes[i]!, i) : null));
    }
    let offset = 0;
    while (offset < total) {
      const fits = Math.floor((canvas.bottom - canvas.y - 2 * PAD) / leading);
      if (fits < 1 || (offset === 0 && total <= perPage && total > fits)) {
        canvas.newPage();
        this.drawHeader(false);
        continue;
      }
      const shown = Math.min(fits, total - offset);
      let x = canvas.left + PAD;
      for (let i = 0; i < count; i++) {
        const list = lists?.[i];
        if (list) {
          for (const segment of list.segments) this.drawSegment(segment, offset, shown, x, leading);
          x += columns[i]!.width;
          continue;
        }
        const cellLines = lines[i]!;
        const slice = offset === 0 && shown >= cellLines.length ? cellLines : cellLines.slice(offset, offset + shown);
        const marked = slice.length > 0 || offset === 0;
        if (marked) struct.beginMark(nodes[i]!);
        canvas.text(slice, x, canvas.y + PAD, styles[i]!);
        if (marked) struct.endMark(nodes[i]!);
        x += columns[i]!.width;
      }
      const height = shown * leading + 2 * PAD;
      this.drawRule(canvas.y + height);
      canvas.y += height;
      offset += shown;
    }
    for (const [i, node] of nodes.entries()) {
      lists?.[i]?.close();
      struct.close(tr, node);
    }
    struct.close(table, tr);
  }

  /** Draws the lines of `segment` that fall in the cell's lines [offset, offset + shown). */
  private drawSegment(segment: Segment, offset: number, shown: number, x: number, leading: number): void {
    const start = Math.max(segment.from, offset);
    const end = Math.min(segment.from + segment.lines.length, offset + shown);
    if (start >= end) return;
    const { canvas } = this;
    canvas.struct.mark(segment.node, () => canvas.text(segment.lines.slice(start - segment.from, end - segment.from), x + segment.x, canvas.y + PAD + (start - offset) * leading, segment.style));
  }

  private listLineCount(lists: readonly CellList[], width: number): number {
    const { canvas } = this;
    let count = 0;
    for (const list of lists) {
      if (list.label) count += canvas.wrap(list.label, width, LIST_LABEL).length;
      if (list.items.length === 0) count += canvas.wrap(list.empty, width, this.bodyStyle).length;
      for (const item of list.items) count += canvas.wrap(item, width - BULLET_INDENT, this.bodyStyle).length;
    }
    return Math.max(1, count);
  }

  /** Lays out the lists of one cell as tagged segments (P label; L > LI > Lbl, LBody). */
  private layoutLists(lists: readonly CellList[], cell: StructNode, column: number): CellLayout {
    const { canvas } = this;
    const { struct } = canvas;
    const width = this.columns[column]!.width - 2 * PAD;
    const segments: Segment[] = [];
    const closers: (() => void)[] = [];
    let line = 0;
    for (const list of lists) {
      if (list.label) {
        const label = struct.open(cell, "P");
        const wrapped = canvas.wrap(list.label, width, LIST_LABEL);
        segments.push({ node: label, from: line, lines: wrapped, x: 0, style: LIST_LABEL });
        line += wrapped.length;
        closers.push(() => struct.close(cell, label));
      }
      if (list.items.length === 0) {
        const empty = struct.open(cell, "P");
        segments.push({ node: empty, from: line, lines: canvas.wrap(list.empty, width, this.bodyStyle), x: 0, style: this.bodyStyle });
        line += segments.at(-1)!.lines.length;
        closers.push(() => struct.close(cell, empty));
        continue;
      }
      const l = struct.open(cell, "L", "<< /O /List /ListNumbering /Disc >>");
      const items: (() => void)[] = [];
      for (const item of list.items) {
        const li = struct.open(l, "LI");
        const lbl = struct.open(li, "Lbl");
        const body = struct.open(li, "LBody");
        const wrapped = canvas.wrap(item, width - BULLET_INDENT, this.bodyStyle);
        segments.push({ node: lbl, from: line, lines: [BULLET], x: 0, style: this.bodyStyle }, { node: body, from: line, lines: wrapped, x: BULLET_INDENT, style: this.bodyStyle });
        line += wrapped.length;
        items.push(() => {
          struct.close(li, lbl);
          struct.close(li, body);
          struct.close(l, li);
        });
      }
      closers.push(() => {
        for (const close of items) close();
        struct.close(cell, l);
      });
    }
    return { segments, close: () => closers.forEach((close) => close()) };
  }

  end(): void {
    if (this.headerPending) {
      this.drawHeader(true);
      this.headerPending = false;
    }
    this.canvas.struct.close(this.parent, this.tableNode);
    this.node = null;
    this.canvas.y += 8;
  }

  private layout(cells: readonly Cell[]): { styles: TextStyle[]; lines: string[][]; total: number } {
    const count = cells.length;
    const styles: TextStyle[] = new Array(count);
    const lines: string[][] = new Array(count);
    let total = 1;
    for (let i = 0; i < count; i++) {
      const cell = cells[i]!;
      if (typeof cell === "object" && "lists" in cell) {
        // Only the count matters here: list cells are drawn from their segments.
        styles[i] = this.bodyStyle;
        lines[i] = new Array<string>(this.listLineCount(cell.lists, this.columns[i]!.width - 2 * PAD)).fill("");
      } else {
        styles[i] = typeof cell === "string" ? this.bodyStyle : cell.style;
        lines[i] = this.canvas.wrap(typeof cell === "string" ? cell : cell.text, this.columns[i]!.width - 2 * PAD, styles[i]!);
      }
      if (lines[i]!.length > total) total = lines[i]!.length;
    }
    return { styles, lines, total };
  }

  /** Body lines that fit on a page under the header row. */
  private get perPage(): number {
    const { canvas } = this;
    return Math.floor((canvas.bottom - canvas.top - this.headHeight - 2 * PAD) / canvas.leading(this.bodyStyle));
  }

  private get headStyle(): TextStyle {
    return this.options.head ?? HEAD;
  }

  private get tableNode(): StructNode {
    if (!this.node) throw new Error("pdf: table row outside begin()/end()");
    return this.node;
  }

  private get bodyStyle(): TextStyle {
    return this.options.body ?? BODY;
  }

  private get tableWidth(): number {
    return this.columns.reduce((sum, c) => sum + c.width, 0);
  }

  private drawRule(y: number): void {
    this.canvas.artifact("Layout", () => this.canvas.rule(this.canvas.left, this.canvas.left + this.tableWidth, y, "#c4c4c4", 0.4));
  }

  private drawHeader(structured: boolean): void {
    const { canvas } = this;
    const { struct } = canvas;
    canvas.artifact("Layout", () => canvas.fill(canvas.left, canvas.y, this.tableWidth, this.headHeight, "#e6eaee"));
    const tr = structured ? struct.open(this.tableNode, "TR") : null;
    let x = canvas.left + PAD;
    for (const [i, column] of this.columns.entries()) {
      if (tr) {
        const th = struct.open(tr, "TH", TH_SCOPE.Column);
        struct.beginMark(th);
        canvas.text(this.headLines[i]!, x, canvas.y + PAD, this.headStyle);
        struct.endMark(th);
        struct.close(tr, th);
      } else {
        canvas.doc.markContent("Artifact", { type: "Pagination" });
        canvas.text(this.headLines[i]!, x, canvas.y + PAD, this.headStyle);
        canvas.doc.endMarkedContent();
      }
      x += column.width;
    }
    if (tr) struct.close(this.tableNode, tr);
    canvas.y += this.headHeight;
  }
}

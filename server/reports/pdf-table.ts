import type { PdfCanvas, TextStyle } from "./pdf-canvas";
import { TH_SCOPE, type StructNode } from "./pdf-structure";

export interface TableColumn {
  header: string;
  width: number;
}

export type Cell = string | { text: string; style: TextStyle };

/** Space between a cell's text and its edges. */
export const CELL_PAD = 3;
const PAD = CELL_PAD;
const HEAD: TextStyle = { font: "bold", size: 8.5 };
const BODY: TextStyle = { font: "regular", size: 8.5 };

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

  /**
   * Opens the table; keeps the header together with the first row (its cells), or with
   * `firstRow` points of body (3 lines if not given).
   */
  begin(firstRow: readonly Cell[] | number = 3 * this.canvas.leading(this.bodyStyle) + 2 * PAD): void {
    this.canvas.ensure(typeof firstRow === "number" ? this.headHeight + firstRow : this.startHeight(firstRow));
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
    const perPage = this.perPage;
    if (this.headerPending) {
      canvas.ensure(this.headHeight + Math.min(total, perPage) * leading + 2 * PAD);
      this.drawHeader(true);
      this.headerPending = false;
    }
    const tr = struct.open(table, "TR");
    const nodes: StructNode[] = [];
    for (let i = 0; i < count; i++) nodes.push(this.options.rowHeaders && i === 0 ? struct.open(tr, "TH", TH_SCOPE.Row) : struct.open(tr, "TD"));
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
    for (const node of nodes) struct.close(tr, node);
    struct.close(table, tr);
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
      styles[i] = typeof cell === "string" ? this.bodyStyle : cell.style;
      lines[i] = this.canvas.wrap(typeof cell === "string" ? cell : cell.text, this.columns[i]!.width - 2 * PAD, styles[i]!);
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

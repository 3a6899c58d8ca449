import type { CategoryCode } from "../categories/ccpa-categories.shared";
import { drawTextBlock } from "./draw-text-block";
import type { TextStyle } from "./pdf-canvas";
import { inSection, type PdfContext } from "./pdf-context";
import type { StructNode } from "./pdf-structure";
import type { DatasetPieces, PieceColumn, PiecesPlan } from "./plan-specific-pieces";
import { PdfTable, type Cell, type TableColumn } from "./pdf-table";
import { readCategoryPieces, type Piece, type PieceRecord } from "./read-category-pieces";
import type { SpoolSource } from "./spool-source";

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const MUTED: TextStyle = { font: "regular", size: 8.5, color: "#5c5c5c" };
/** Up to this many fields a dataset is one row per record; beyond, one row per piece. */
const MAX_FIELD_COLUMNS = 4;
const NUMBER_WIDTH = 36;
const DATE_WIDTH = 84;

/**
 * Part 2: the specific pieces (1798.110(a)(5)), by category, then by dataset, streamed from the
 * spool one record at a time. Narrow datasets get a column per field; wide ones (a profile with
 * ten identifiers) a row per piece, so no column becomes too narrow to read.
 */
export async function drawSpecificPieces(context: PdfContext, pieces?: { plan: PiecesPlan; source: SpoolSource }): Promise<void> {
  const { canvas, model, text } = context;
  await inSection(context, async (sect) => {
    drawTextBlock(canvas, sect, "H2", text.pieces.heading, { keepWithNext: 40 });
    if (model.contents === "categories" || !pieces) {
      const why = model.messages.find((m) => m.code === "downgraded" || m.code === "categories_only");
      if (why) drawTextBlock(canvas, sect, "P", why.text);
      return;
    }
    drawTextBlock(canvas, sect, "P", pieces.plan.categories.length ? text.pieces.intro : text.pieces.none);
    for (const category of pieces.plan.categories) {
      await inSection({ ...context, root: sect }, async (categorySect) => {
        drawTextBlock(canvas, categorySect, "H3", `${category.code}. ${category.label}`, { keepWithNext: 70 });
        for (const group of category.datasets) await drawDataset(context, categorySect, group, category.code, pieces.source);
      });
    }
  });
}

async function drawDataset(context: PdfContext, parent: StructNode, group: DatasetPieces, code: CategoryCode, source: SpoolSource): Promise<void> {
  const { canvas, text, format } = context;
  const t = text.pieces;
  drawTextBlock(canvas, parent, "H4", t.dataset(group.dataset, group.source, format.number(group.records)), { keepWithNext: 50 });
  const wide = group.columns.length > MAX_FIELD_COLUMNS;
  const rest = canvas.width - NUMBER_WIDTH - DATE_WIDTH;
  const columns: TableColumn[] = [{ header: t.record, width: NUMBER_WIDTH }, { header: t.date, width: DATE_WIDTH }];
  if (wide) columns.push({ header: t.information, width: 130 }, { header: t.value, width: rest - 130 });
  else columns.push(...shareWidth(group.columns, rest));
  const table = new PdfTable(canvas, parent, columns);
  table.begin();
  for await (const record of readCategoryPieces(source, group, code)) {
    const lead: Cell[] = [String(record.record), recordDate(record, context)];
    if (wide) {
      for (const [i, piece] of record.pieces.entries()) table.row([...(i === 0 ? lead : ["", ""]), piece.label, pieceCell(piece, context)]);
    } else {
      const byKey = new Map(record.pieces.map((p) => [p.key, p]));
      table.row([...lead, ...group.columns.map((c) => { const p = byKey.get(c.key); return p ? pieceCell(p, context) : ""; })]);
    }
    await canvas.breathe();
  }
  table.end();
}

function recordDate(record: PieceRecord, context: PdfContext): Cell {
  if (record.recordedAt === null) return { text: context.words.undatedMarker, style: MUTED };
  if (UTC_INSTANT.test(record.recordedAt)) return `${record.recordedAt.slice(0, 10)} ${record.recordedAt.slice(11, 16)}`;
  const instant = new Date(record.recordedAt);
  if (Number.isNaN(instant.getTime())) return record.recordedAt;
  const iso = instant.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Values are data, drawn as literal text (X23): nothing in them is ever interpreted. */
function pieceCell(piece: Piece, context: PdfContext): Cell {
  if ("withheld" in piece) return { text: context.text.pieces.withheld, style: MUTED };
  if (typeof piece.value === "boolean") return piece.value ? context.words.yes : context.words.no;
  return String(piece.value);
}

/**
 * Column widths in proportion to the typical length of each field's values (a message body gets
 * more room than a subject line), within bounds so a short field stays readable.
 */
function shareWidth(columns: readonly PieceColumn[], width: number): TableColumn[] {
  const weights = columns.map((c) => Math.min(80, Math.max(10, c.values ? c.characters / c.values : 10, c.label.length * 0.7)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return columns.map((c, i) => ({ header: c.label, width: (width * weights[i]!) / total }));
}

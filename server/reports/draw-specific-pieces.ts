import { clipPdfValue } from "./clip-pdf-value";
import { STORED_FILE_PREFIX } from "../collection/stored-file-ref.shared";
import { describeFilePiece } from "./file-piece";
import type { CategoryCode } from "../categories/ccpa-categories.shared";
import { periodWindow } from "../collection/compute-period";
import { CONTENTS_KEYS, datasetTitle } from "./draw-contents";
import { drawDatasetSummary } from "./draw-dataset-summary";
import { blockHeight, drawTextBlock } from "./draw-text-block";
import type { PdfCanvas, TextStyle } from "./pdf-canvas";
import { inSection, type PdfContext } from "./pdf-context";
import type { StructNode } from "./pdf-structure";
import type { DatasetPieces, PieceColumn, PiecesPlan } from "./plan-specific-pieces";
import { CELL_PAD, PdfTable, type Cell, type TableColumn } from "./pdf-table";
import { readCategoryPieces, type Piece, type PieceRecord } from "./read-category-pieces";
import type { SpoolSource } from "./spool-source";

const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
/**
 * Up to this many fields a dataset is one row per record; beyond, one row per piece. Six fit the
 * width at the compact size: a visit to the website (page, referrer, browser, time...) stays one
 * row, which halves the pages of a heavy user's disclosure compared with a row per piece.
 */
const MAX_FIELD_COLUMNS = 6;
/** From this many fields the table is set at the compact size... */
const COMPACT_FROM = 5;
/** ...unless the dataset has this few records: then a row per piece reads better, and costs little. */
const FEW_RECORDS = 50;
const STYLES = {
  normal: { head: { font: "bold", size: 8.5 }, body: { font: "regular", size: 8.5 }, muted: { font: "regular", size: 8.5, color: "#5c5c5c" } },
  compact: { head: { font: "bold", size: 7.5 }, body: { font: "regular", size: 7.5 }, muted: { font: "regular", size: 7.5, color: "#5c5c5c" } },
} satisfies Record<string, Record<"head" | "body" | "muted", TextStyle>>;
type TableStyles = (typeof STYLES)[keyof typeof STYLES];
/** The widest date cell drawn, and the widest record number (datasets of up to 999,999 records). */
const DATE_SAMPLE = "0000-00-00 00:00";
const NUMBER_SAMPLE = "000000";
/** Text whose average letter width stands for a typical value's. */
const AVERAGE_TEXT = "abcdefghijklmnopqrstuvwxyz0123456789";
/** No field column is made wider than this share of the table to hold an unbroken value. */
const MAX_TOKEN_SHARE = 0.5;

/**
 * Part 2: the specific pieces (1798.110(a)(5)), by category, then by dataset, streamed from the
 * spool one record at a time. Narrow datasets get a column per field; wide ones (a profile with
 * ten identifiers) a row per piece, so no column becomes too narrow to read.
 */
export async function drawSpecificPieces(context: PdfContext, pieces?: { plan: PiecesPlan; source: SpoolSource }): Promise<void> {
  const { canvas, model, text } = context;
  await inSection(context, async (sect) => {
    drawTextBlock(canvas, sect, "H2", text.pieces.heading, { keepWithNext: 40, nav: { level: 1, key: CONTENTS_KEYS.pieces } });
    if (model.contents === "categories" || !pieces) {
      const why = model.messages.find((m) => m.code === "downgraded" || m.code === "categories_only");
      if (why) drawTextBlock(canvas, sect, "P", why.text);
      return;
    }
    drawTextBlock(canvas, sect, "P", pieces.plan.categories.length ? text.pieces.intro : text.pieces.none);
    for (const category of pieces.plan.categories) {
      await inSection({ ...context, root: sect }, async (categorySect) => {
        // The category heading is drawn by the first dataset, which knows how much must follow it.
        let heading: ((keepWithNext: number) => void) | undefined = (keepWithNext) =>
          drawTextBlock(canvas, categorySect, "H3", `${category.code}. ${category.label}`, { keepWithNext, nav: { level: 2, key: CONTENTS_KEYS.category(category.code) } });
        for (const group of category.datasets) {
          await drawDataset(context, categorySect, group, category.code, pieces.source, heading);
          heading = undefined;
        }
      });
    }
  });
}

/**
 * One dataset's table. Its first record is read before the heading is drawn, so the heading (and
 * the category heading above it) is kept on a page with the table's header and first row.
 */
async function drawDataset(context: PdfContext, parent: StructNode, group: DatasetPieces, code: CategoryCode, source: SpoolSource, heading?: (keepWithNext: number) => void): Promise<void> {
  const title = context.text.pieces.dataset(group.dataset, group.source, context.format.number(group.records));
  const nav = { level: 3 as const, title: datasetTitle(group.dataset, group.source), key: CONTENTS_KEYS.dataset(code, group.sourceId, group.datasetId) };
  // The listing policy (ADR 032): a dataset too big to read as a list is summarised; the JSON and
  // CSV files always hold every record.
  if (context.listing !== "full" && group.records > context.listing) {
    await drawDatasetSummary(context, parent, group, readCategoryPieces(source, group, code), {
      heading: (keepWithNext) => {
        heading?.(blockHeight(context.canvas, "H4", title) + keepWithNext);
        drawTextBlock(context.canvas, parent, "H4", title, { keepWithNext, nav });
      },
      table: (recent, recentHeading) => drawRecordsTable(context, parent, group, recent, recentHeading),
    });
    return;
  }
  await drawRecordsTable(context, parent, group, readCategoryPieces(source, group, code), (keep) => {
    heading?.(blockHeight(context.canvas, "H4", title) + keep);
    drawTextBlock(context.canvas, parent, "H4", title, { keepWithNext: keep, nav });
  });
}

/**
 * A table of records, one row per record (or per piece for wide datasets). Its first record is
 * read before `heading` is drawn, so the heading is kept with the table's header and first row.
 */
export async function drawRecordsTable(context: PdfContext, parent: StructNode, group: DatasetPieces, records: AsyncIterator<PieceRecord> & { return(value?: undefined): Promise<unknown> }, heading?: (keepWithNext: number) => void): Promise<void> {
  const { canvas, text } = context;
  const t = text.pieces;
  const wide = group.columns.length > MAX_FIELD_COLUMNS || (group.columns.length >= COMPACT_FROM && group.records <= FEW_RECORDS);
  const styles = group.columns.length >= COMPACT_FROM && !wide ? STYLES.compact : STYLES.normal;
  const numberWidth = Math.max(canvas.measure(NUMBER_SAMPLE, styles.body), canvas.measure(t.record, styles.head)) + 2 * CELL_PAD + 1;
  const dateWidth = Math.max(canvas.measure(DATE_SAMPLE, styles.body), longestWord(canvas, t.date, styles.head)) + 2 * CELL_PAD + 1;
  const rest = canvas.width - numberWidth - dateWidth;
  const columns: TableColumn[] = [{ header: t.record, width: numberWidth }, { header: t.date, width: dateWidth }];
  if (wide) columns.push({ header: t.information, width: 130 }, { header: t.value, width: rest - 130 });
  else columns.push(...shareWidth(canvas, group.columns, group.records, rest, styles));
  const table = new PdfTable(canvas, parent, columns, { head: styles.head, body: styles.body });

  // Records dated before the period and still held say so where they appear (message earlier_records).
  const periodStart = periodWindow(context.model.request.period).start;
  const rowsOf = (record: PieceRecord): Cell[][] => {
    const lead: Cell[] = [String(record.record), recordDate(record, context, styles, periodStart)];
    if (wide) return record.pieces.map((piece, i) => [...(i === 0 ? lead : ["", ""]), piece.label, pieceCell(piece, context, styles)]);
    const byKey = new Map(record.pieces.map((p) => [p.key, p]));
    return [[...lead, ...group.columns.map((c) => { const p = byKey.get(c.key); return p ? pieceCell(p, context, styles) : ""; })]];
  };
  try {
    let next = await records.next();
    let rows = next.done ? [] : rowsOf(next.value);
    heading?.(table.startHeight(rows[0] ?? null));
    table.begin(rows[0]);
    while (!next.done) {
      for (const cells of rows) table.row(cells);
      await canvas.breathe();
      next = await records.next();
      if (!next.done) rows = rowsOf(next.value);
    }
    table.end();
  } finally {
    await records.return(undefined);
  }
}

function recordDate(record: PieceRecord, context: PdfContext, styles: TableStyles, periodStart: string): Cell {
  if (record.recordedAt === null) return { text: context.words.undatedMarker, style: styles.muted };
  if (record.recordedAt < periodStart) return { text: `${utcMinute(record.recordedAt)}\n${context.words.earlierMarker}`, style: styles.muted };
  return utcMinute(record.recordedAt);
}

/** "2025-06-01 09:30": the tables' dates, in UTC as Part 1 says. */
function utcMinute(recordedAt: string): string {
  if (UTC_INSTANT.test(recordedAt)) return `${recordedAt.slice(0, 10)} ${recordedAt.slice(11, 16)}`;
  const instant = new Date(recordedAt);
  if (Number.isNaN(instant.getTime())) return recordedAt;
  const iso = instant.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * Values are data, drawn as literal text (X23): nothing in them is ever interpreted. A value longer
 * than PDF_VALUE_CHARS is cut, saying so, where the JSON holds it whole (ADR 062).
 */
function pieceCell(piece: Piece, context: PdfContext, styles: TableStyles): Cell {
  if ("withheld" in piece) return { text: context.text.pieces.withheld, style: styles.muted };
  if (piece.text !== undefined) return clipValue(piece.text, context);
  if (typeof piece.value === "boolean") return piece.value ? context.words.yes : context.words.no;
  // A stored file (ADR 027): its name, type and size; the file itself is in the download bundle.
  if (typeof piece.value === "string" && piece.value.startsWith(STORED_FILE_PREFIX)) return describeFilePiece(piece.value, context.model.request.language);
  return clipValue(String(piece.value), context);
}

function clipValue(value: string, context: PdfContext): string {
  return clipPdfValue(value, (characters) => context.text.pieces.clipped(context.format.number(characters)));
}

/**
 * Column widths: each column is at least as wide as the longest word of its header, and,
 * narrowest first while the width allows, as its longest unbroken value (an IP address, an id, an
 * event name) unless few records have one, so those are not broken across lines. The rest of the
 * width follows how much text each field holds per record (a message body gets more room than a
 * subject line; a field most records lack gets little); long values wrap.
 */
function shareWidth(canvas: PdfCanvas, columns: readonly PieceColumn[], records: number, width: number, styles: TableStyles): TableColumn[] {
  const pad = 2 * CELL_PAD + 1;
  const character = canvas.measure(AVERAGE_TEXT, styles.body) / AVERAGE_TEXT.length;
  const floors = columns.map((c) => longestWord(canvas, c.label, styles.head) + pad);
  const tokens = columns.map((c, i) => (c.values * 10 < records ? floors[i]! : Math.max(floors[i]!, Math.min(width * MAX_TOKEN_SHARE, canvas.measure(c.token, styles.body) + pad))));
  const minimums = [...floors];
  let committed = floors.reduce((sum, w) => sum + w, 0);
  for (const i of columns.map((_, i) => i).sort((a, b) => tokens[a]! - tokens[b]!)) {
    if (committed - floors[i]! + tokens[i]! > width) break;
    committed += tokens[i]! - floors[i]!;
    minimums[i] = tokens[i]!;
  }
  // What the minimums leave goes to the columns whose typical text is wider than their minimum, in
  // proportion to the difference; room left after that is shared in proportion to the widths. If
  // even the header words do not fit, all columns shrink alike.
  const total = minimums.reduce((sum, m) => sum + m, 0);
  if (total >= width) return columns.map((c, i) => ({ header: c.label, width: (minimums[i]! * width) / total }));
  const wants = columns.map((c, i) => Math.max(0, (c.characters / Math.max(1, records)) * character + pad - minimums[i]!));
  const wanted = wants.reduce((sum, w) => sum + w, 0);
  const excess = width - total;
  if (wanted >= excess) return columns.map((c, i) => ({ header: c.label, width: minimums[i]! + (excess * wants[i]!) / wanted }));
  return columns.map((c, i) => ({ header: c.label, width: ((minimums[i]! + wants[i]!) * width) / (total + wanted) }));
}

function longestWord(canvas: PdfCanvas, text: string, style: TextStyle): number {
  return Math.max(0, ...text.split(" ").map((word) => canvas.measure(word, style)));
}

import { calendarDateIn } from "../lib/calendar-date";
import { RECEIPT_TIME_ZONE } from "../requests/deadlines.shared";
import { clipPdfValue } from "./clip-pdf-value";
import { blockHeight, drawTextBlock } from "./draw-text-block";
import type { PdfContext } from "./pdf-context";
import type { StructNode } from "./pdf-structure";
import { PdfTable } from "./pdf-table";
import type { DatasetPieces } from "./plan-specific-pieces";
import type { Piece, PieceRecord } from "./read-category-pieces";
import { summariseDatasetPieces } from "./summarise-dataset-pieces";

/** Records shown in full at the end of a summary. */
export const SUMMARY_RECENT = 25;
/** A field with at most this many distinct values gets one row per value. */
export const SUMMARY_DISTINCT = 12;

type RecordIterator = AsyncGenerator<PieceRecord>;

/**
 * A dataset with more records than PDF_LISTING_LIMIT, in the PDF (ADR 032): how many records and
 * over which dates, how often each value of a field with few distinct values appears (a device, a
 * country, an event type), and the most recent records in full, with a sentence that the complete
 * list is in the JSON and CSV files of the same download. One pass over the dataset in bounded
 * memory; the JSON is untouched (it always holds every record).
 */
export async function drawDatasetSummary(
  context: PdfContext,
  parent: StructNode,
  group: DatasetPieces,
  records: RecordIterator,
  draw: { heading: (keepWithNext: number) => void; table: (recent: RecordIterator, heading: (keepWithNext: number) => void) => Promise<void> },
): Promise<void> {
  const { canvas, nav, format, text, words } = context;
  const s = nav.summary;
  const show = (piece: Piece): string => ("withheld" in piece ? text.pieces.withheld : typeof piece.value === "boolean" ? (piece.value ? words.yes : words.no) : String(piece.value));
  const summary = await summariseDatasetPieces(records, group.columns, { recent: SUMMARY_RECENT, distinct: SUMMARY_DISTINCT, show });
  // The first and last dates are the business's calendar days (Pacific), as the period they fall
  // in is counted (compute-period.ts): an event at 03:00 UTC on January 1 happened on December 31
  // in California, and a UTC date could fall a day outside the period printed above it. The
  // tables' date and time columns stay in UTC, as their header says.
  const day = (instant: string | null) => (instant === null ? null : format.date(calendarDateIn(new Date(instant), RECEIPT_TIME_ZONE)));
  let intro = s.intro(format.number(summary.records), day(summary.first), day(summary.last), format.number(summary.recent.length));
  if (summary.undated > 0) intro = `${intro} ${s.undated(format.number(summary.undated))}`;

  draw.heading(blockHeight(canvas, "P", intro));
  drawTextBlock(canvas, parent, "P", intro);

  const values = new PdfTable(canvas, parent, [
    { header: s.information, width: 150 },
    { header: s.value, width: 284 },
    { header: s.records, width: 70 },
  ], { rowHeaders: true });
  // At most SUMMARY_DISTINCT rows per field: made first, so the heading stays with the first one.
  // A value is cut as in the tables (ADR 062); it was counted whole.
  const rows = summary.columns.flatMap((column) =>
    column.values === null ? [[column.label, s.manyValues, format.number(column.records)]] : column.values.map(({ value, count }) => [column.label, clipPdfValue(value, (characters) => text.pieces.clipped(format.number(characters))), format.number(count)]),
  );
  drawTextBlock(canvas, parent, "H5", s.valuesHeading, { keepWithNext: values.startHeight(rows[0] ?? null) });
  values.begin(rows[0]);
  for (const row of rows) {
    values.row(row);
    await canvas.breathe();
  }
  values.end();

  const recent = s.recentHeading(format.number(summary.recent.length));
  await draw.table(fromList(summary.recent), (keepWithNext) => drawTextBlock(canvas, parent, "H5", recent, { keepWithNext }));
}

async function* fromList(records: readonly PieceRecord[]): RecordIterator {
  yield* records;
}

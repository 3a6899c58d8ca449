import { drawTextBlock } from "./draw-text-block";
import { inSection, type PdfContext } from "./pdf-context";
import { PdfTable } from "./pdf-table";

/** Notices that belong under the category table rather than in the letter (R24 negatives). */
const CATEGORY_NOTICES = new Set(["period", "not_sold", "not_shared", "not_disclosed"]);

/**
 * The letter a consumer reads first: who asked and when, what period is covered, what the document
 * contains and how to read it, what to do if something is wrong (and the rights to correct and
 * delete, 1798.105, 1798.106), then the notices that change how to read the rest (M-UNV-SP,
 * M-LOOKBACK, incomplete sources, M-NOMETHOD) and the request's details.
 */
/** Short tables are kept on one page: single-line rows of the default table style. */
const rowsHeight = (rows: number): number => rows * (8.5 * 1.35 + 6);

export async function drawCoverLetter(context: PdfContext): Promise<void> {
  const { canvas, model, text, format } = context;
  const { request, business } = model;
  await inSection(context, (sect) => {
    drawTextBlock(canvas, sect, "H1", text.title(business.name), { nav: { level: 1, running: false } });
    drawTextBlock(canvas, sect, "P", text.intro(format.date(request.receiptDate), request.submittedBy === "agent", request.type));
    const period = model.messages.find((m) => m.code === "period");
    if (period) drawTextBlock(canvas, sect, "P", period.text);
    const notices = model.messages.filter((m) => !CATEGORY_NOTICES.has(m.code));
    if (notices.length > 0) {
      drawTextBlock(canvas, sect, "H2", text.notices, { keepWithNext: 40 });
      for (const notice of notices) drawTextBlock(canvas, sect, "P", notice.text);
    }
    drawTextBlock(canvas, sect, "H2", text.reading, { keepWithNext: 40 });
    const withPieces = model.contents === "categories_and_specific_pieces";
    drawTextBlock(canvas, sect, "P", text.contents(withPieces));
    drawTextBlock(canvas, sect, "P", text.howToRead(withPieces));
    drawTextBlock(canvas, sect, "H2", text.wrong, { keepWithNext: 40 });
    drawTextBlock(canvas, sect, "P", text.questions(business.contactEmail, request.id));
    drawTextBlock(canvas, sect, "P", text.rights(business.privacyPolicyUrl));
    drawTextBlock(canvas, sect, "P", text.signOff(business.legalName ?? business.name));

    const d = text.details;
    const table = new PdfTable(canvas, sect, [
      { header: d.item, width: 160 },
      { header: d.value, width: 344 },
    ], { rowHeaders: true });
    // The eight rows are kept together, and the heading with them: never a heading ending a page.
    drawTextBlock(canvas, sect, "H2", d.heading, { keepWithNext: table.headedHeight(rowsHeight(8)) });
    table.begin(rowsHeight(8));
    const rows: [string, string][] = [
      [d.requestId, request.id],
      [d.asked, text.requestType[request.type]],
      [d.submittedBy, text.submittedBy[request.submittedBy]],
      [d.received, format.date(request.receiptDate)],
      [d.due, format.date(request.dueDate)],
      [d.completed, format.date(request.completedAt.slice(0, 10))],
      [d.period, text.range(format.date(request.period.start), format.date(request.period.end))],
      [d.verification, text.verification[model.verification.level]],
    ];
    for (const row of rows) table.row(row);
    table.end();
  });
}

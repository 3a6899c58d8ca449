import { CONTENTS_KEYS } from "./draw-contents";
import { drawTextBlock } from "./draw-text-block";
import { inSection, type PdfContext } from "./pdf-context";
import { PdfTable } from "./pdf-table";

/**
 * Part 3, the never-disclose types we hold, named with particularity but never shown (11 CCR
 * 7024(d); X13); Part 4, every system searched and its outcome, so a gap is visible (X22), and
 * the data we could not tie to the person (M-NOMETHOD, X26); then the JSON's fingerprint.
 */
export async function drawWithheldAndSources(context: PdfContext, options: { jsonSha256: string; schemaUrl: string }): Promise<void> {
  const { canvas, model, text, format } = context;
  await inSection(context, (sect) => {
    const w = text.withheld;
    drawTextBlock(canvas, sect, "H2", w.heading, { keepWithNext: 60, nav: { level: 1, key: CONTENTS_KEYS.withheld } });
    if (model.withheld.length === 0) {
      drawTextBlock(canvas, sect, "P", w.none);
    } else {
      drawTextBlock(canvas, sect, "P", model.withheld[0]!.reason);
      const table = new PdfTable(canvas, sect, [
        { header: w.type, width: 210 },
        { header: w.records, width: 64 },
        { header: w.status, width: 230 },
      ], { rowHeaders: true });
      table.begin();
      for (const entry of model.withheld) table.row([entry.label, format.number(entry.count), w.statusText]);
      table.end();
    }
    if (model.withheldByReview.length > 0) {
      drawTextBlock(canvas, sect, "H3", w.byReview, { keepWithNext: 60 });
      drawTextBlock(canvas, sect, "P", w.byReviewIntro);
      const table = new PdfTable(canvas, sect, [
        { header: w.information, width: 170 },
        { header: w.records, width: 64 },
        { header: w.reason, width: 270 },
      ], { rowHeaders: true });
      table.begin();
      for (const entry of model.withheldByReview) table.row([`${entry.label} (${entry.dataset})`, format.number(entry.count), entry.reason]);
      table.end();
    }
  });
  await inSection(context, (sect) => {
    const s = text.sources;
    drawTextBlock(canvas, sect, "H2", s.heading, { keepWithNext: 60, nav: { level: 1, key: CONTENTS_KEYS.sources } });
    const table = new PdfTable(canvas, sect, [
      { header: s.source, width: 230 },
      { header: s.result, width: 184 },
      { header: s.records, width: 90 },
    ], { rowHeaders: true });
    table.begin();
    for (const source of model.sources.searched) table.row([source.source, source.statusLabel, format.number(source.records)]);
    table.end();
    if (model.sources.excluded.length > 0) {
      drawTextBlock(canvas, sect, "H3", s.excluded, { keepWithNext: 40 });
      const excluded = new PdfTable(canvas, sect, [
        { header: s.dataset, width: 180 },
        { header: s.reason, width: 324 },
      ], { rowHeaders: true });
      excluded.begin();
      for (const entry of model.sources.excluded) excluded.row([entry.dataset, entry.reason]);
      excluded.end();
    }
  });
  await inSection(context, (sect) => {
    drawTextBlock(canvas, sect, "H2", text.about.heading, { keepWithNext: 30, nav: { level: 1, key: CONTENTS_KEYS.about } });
    drawTextBlock(canvas, sect, "P", text.about.json(options.jsonSha256, options.schemaUrl));
  });
}

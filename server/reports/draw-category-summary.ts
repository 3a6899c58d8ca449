import { CONTENTS_KEYS } from "./draw-contents";
import { drawTextBlock } from "./draw-text-block";
import { inSection, type PdfContext } from "./pdf-context";
import { PdfTable, type Cell } from "./pdf-table";

const NOTICES = new Set(["not_sold", "not_shared", "not_disclosed"]);

/**
 * Part 1: all twelve statutory categories (1798.140(v)(1)) with, per category, whether it was
 * collected, its sources, purposes, and the three recipient lists that 1798.110(a) and
 * 1798.115(a) require separately (disclosed for a business purpose / sold / shared). A category
 * not collected says "No" rather than being left out; empty lists say "no one" in words (R24).
 */
export async function drawCategorySummary(context: PdfContext): Promise<void> {
  const { canvas, model, text, words } = context;
  const t = text.categories;
  await inSection(context, (sect) => {
    drawTextBlock(canvas, sect, "H2", t.heading, { keepWithNext: 60, nav: { level: 1, key: CONTENTS_KEYS.categories } });
    drawTextBlock(canvas, sect, "P", t.intro);
    const table = new PdfTable(
      canvas,
      sect,
      [
        { header: t.category, width: 112 },
        { header: t.collected, width: 54 },
        { header: t.sources, width: 98 },
        { header: t.purposes, width: 100 },
        { header: t.recipients, width: 140 },
      ],
      { rowHeaders: true },
    );
    table.begin();
    // Sources, purposes and the three recipient lists are real bulleted lists (L/LI, ADR 031);
    // business purpose, sold and shared are three labelled lists, each saying "no one" when empty.
    const bullets = (items: string[], empty = "—"): Cell => ({ lists: [{ items, empty }] });
    for (const c of model.categories) {
      const name = `${c.code}. ${c.label}`;
      if (!c.collected) {
        table.row([name, words.no, "—", "—", "—"]);
        continue;
      }
      // Sold and shared name what of the category goes (the IP-derived city, not the GPS points).
      const only = (items: string[], information?: string[]) => (items.length && information?.length ? [...items, `(${t.onlyThis}: ${information.join("; ")})`] : items);
      const recipients: Cell = {
        lists: [
          { label: `${t.disclosedTo}:`, items: c.disclosedTo, empty: t.none },
          { label: `${t.soldTo}:`, items: only(c.soldTo, c.soldInformation), empty: t.none },
          { label: `${t.sharedWith}:`, items: only(c.sharedWith, c.sharedInformation), empty: t.none },
        ],
      };
      table.row([name, words.yes, bullets(c.sources), bullets(c.purposes), recipients]);
    }
    table.end();
    for (const message of model.messages) if (NOTICES.has(message.code)) drawTextBlock(canvas, sect, "P", message.text);
  });
}

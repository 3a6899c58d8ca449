import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExpandedSpoolRecord } from "../../../server/collection/collection-types.shared";
import { field, inputFor, record, renderFixture, summaryFor, tempDir, type RenderedFixture } from "./fixtures";

// Issue 14, outside check follow-ups: values a foreign database may hold, as the consumer's PDF
// shows them (poppler-utils, as a reviewer would read it).
const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const pages = (pdf: string) => run("pdftotext", ["-layout", pdf, "-"]).split("\f").slice(0, -1);
const t = (en: string, es = en) => ({ en, es });

const CONTROLS = "bell\u0007 nul\u0000 esc\u001b del\u007f c1\u0085 vt\u000b end";
/** One free-text field of 1 MB: the outside check printed it on 646 pages. */
const HUGE = Array.from({ length: 150_000 }, (_, i) => `w${String(i % 10_000).padStart(5, "0")}`).join(" ").slice(0, 1_048_576);
const BIDI = "left \u202Eright to left\u202C after \u2067isolate\u2069 tail";

function notes(values: string[]): ExpandedSpoolRecord[] {
  return values.map((value, i) =>
    record("app", "notes", t("Support notes", "Notas de soporte"), `n-${i}`, `2025-07-0${i + 1}T12:00:00.000Z`, [
      field("notes.subject", t("Subject", "Asunto"), ["H"], `Note ${i + 1}`),
      field("notes.body", t("Note", "Nota"), ["H"], value),
    ]),
  );
}

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let hostile: RenderedFixture;
const hostileRecords = notes([CONTROLS, BIDI]);

beforeAll(async () => {
  hostile = await renderFixture(dir, "hostile", hostileRecords, inputFor(summaryFor(hostileRecords)));
});

describe("PDF disclosure with hostile values", () => {
  it("[CONSUMER]: shows each control character as a visible escape, never as a broken-font replacement mark; the JSON keeps the exact value", () => {
    const text = pages(hostile.pdf).join("\n");
    expect(text).not.toContain("\ufffd");
    // Each as its escape, as JSON writes it.
    expect(text).toContain("bell\\u0007 nul\\u0000 esc\\u001b del\\u007f c1\\u0085 vt\\u000b end");
    const json = JSON.parse(hostile.jsonText) as { specificPieces: { categories: { datasets: { records: { pieces: { value?: unknown }[] }[] }[] }[] } };
    const values = json.specificPieces.categories.flatMap((c) => c.datasets.flatMap((d) => d.records.flatMap((r) => r.pieces.map((p) => p.value))));
    expect(values).toContain(CONTROLS);
  });

  it("[SECURITY]: bidi overrides and isolates do not reorder the rest of the cell", () => {
    const text = pages(hostile.pdf).join("\n").replace(/[\u202a-\u202e\u2066-\u2069]/g, "");
    expect(text).toMatch(/left right to left after isolate tail/);
    expect(text).not.toMatch(/tfel ot thgir|etalosi/);
  });

  it("[CONSUMER]: a 1 MB value is printed up to a limit, and the PDF says where it is cut and that the JSON holds it all", async () => {
    const records = notes(["short", HUGE]);
    for (const language of ["en", "es"] as const) {
      const huge = await renderFixture(dir, `huge-${language}`, records, inputFor(summaryFor(records), { language }));
      expect(huge.result.pdfPages).toBeLessThan(12);
      const text = run("pdftotext", ["-raw", huge.pdf, "-"]).replace(/\s+/g, " ");
      const total = new Intl.NumberFormat(`${language}-US`).format(1_048_576);
      const note = language === "en" ? `(${total} characters in all; the whole text is in the JSON file)` : `(${total} caracteres en total; el texto completo está en el archivo JSON)`;
      // The note follows the cut (a page break may fall inside it).
      const [opening, rest] = [note.slice(0, note.indexOf(" ") + 1), note.slice(note.indexOf(" ") + 1)];
      expect(text).toContain(`… ${opening}`);
      expect(text.indexOf(rest)).toBeGreaterThan(text.indexOf(`… ${opening}`));
      // The words printed are the value's first ones, in order, and none after the cut.
      const words = text.slice(0, text.indexOf(`… ${opening}`)).match(/w\d{5}/g) ?? [];
      expect(words.length).toBeGreaterThan(1000);
      expect(words).toEqual(HUGE.split(" ").slice(0, words.length));
      expect(text.slice(text.indexOf(`… ${opening}`))).not.toMatch(/w\d{5}/);
      const json = JSON.parse(huge.jsonText) as { specificPieces: { categories: { datasets: { records: { pieces: { value?: unknown }[] }[] }[] }[] } };
      expect(json.specificPieces.categories.flatMap((c) => c.datasets.flatMap((d) => d.records.flatMap((r) => r.pieces.map((p) => p.value))))).toContain(HUGE);
    }
  }, 120_000);

  it("[CONSUMER]: a summarised dataset's first and last dates are Pacific calendar days, like the period (an event at 03:00 UTC on January 1 was on December 31 in California)", async () => {
    const records = ["2025-06-01T05:00:00.000Z", "2025-09-15T12:00:00.000Z", "2026-01-01T03:00:00.000Z"].map((at, i) =>
      record("app", "visits", t("Visits", "Visitas"), `v-${i}`, at, [field("visits.page", t("Page"), ["F"], `/page/${i}`)]),
    );
    const summarised = await renderFixture(dir, "summary", records, inputFor(summaryFor(records)), { pdfListing: 2 });
    const text = pages(summarised.pdf).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("This system holds 3 records about you, dated from May 31, 2025 to December 31, 2025.");
  });

  it("[CONSUMER]: the running head shortens a long dataset label with an ellipsis, and names the category in words, not by its letter", async () => {
    const label = "Visits to the website, the mobile apps and the help centre, with the pages seen, the device used and the campaign follow";
    const chinese = "用户在我们网站和移动应用上的浏览记录、点击记录、设备信息以及推广活动来源的完整历史数据汇总表格内容用户在我们网站和移动应用上的浏览记录";
    const records = [label, chinese].flatMap((name, d) =>
      Array.from({ length: 90 }, (_, i) => record("app", `visits${d}`, t(name), `v-${i}`, `2025-07-01T12:${String(i % 60).padStart(2, "0")}:00.000Z`, [field(`visits${d}.page`, t("Page"), ["F"], `/page/${i}`)])),
    );
    const long = await renderFixture(dir, "long-label", records, inputFor(summaryFor(records)));
    const heads = pages(long.pdf).map((page) => page.split("\n").find((line) => line.includes("(continued)"))?.trim()).filter(Boolean);
    expect(heads).toContain("Part 2. Specific pieces of personal… › F. Internet or other electronic… › Visits to the website, the mobile apps… (continued)");
    expect(heads.some((head) => /› F\. Internet or other[^›]* › 用户在我们网站和移动应用[^›]*… \(continued\)$/.test(head!))).toBe(true);
    for (const head of heads) expect(head).not.toMatch(/F\. ›/);
  });
});

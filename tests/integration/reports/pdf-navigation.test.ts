import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, inputFor, janeRecords, record, renderFixture, summaryFor, tempDir, type RenderedFixture } from "./fixtures";

// ADR 031 (navigation) and ADR 032 (listing policy), checked with qpdf and poppler-utils.
const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const pages = (pdf: string) => run("pdftotext", ["-layout", pdf, "-"]).split("\f").slice(0, -1);

interface Outline {
  title: string;
  destpageposfrom1: number;
  kids: Outline[];
}
const outlines = (pdf: string) => (JSON.parse(run("qpdf", ["--json", "--json-key=outlines", pdf])) as { outlines: Outline[] }).outlines;
const flat = (items: Outline[], depth = 0): { title: string; page: number; depth: number }[] =>
  items.flatMap((o) => [{ title: o.title, page: o.destpageposfrom1, depth }, ...flat(o.kids, depth + 1)]);

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const jane = janeRecords(300);
const IPS = Array.from({ length: 250 }, (_, i) => `203.0.113.${i}`);
let summarised: RenderedFixture;
let full: RenderedFixture;
let spanish: RenderedFixture;

beforeAll(async () => {
  summarised = await renderFixture(dir, "limit100", jane, inputFor(summaryFor(jane)), { pdfListing: 100 });
  full = await renderFixture(dir, "full", jane, inputFor(summaryFor(jane)), { pdfListing: "full" });
  spanish = await renderFixture(dir, "es", jane, inputFor(summaryFor(jane), { language: "es" }), { pdfListing: "full" });
});

describe("PDF navigation (ADR 031)", () => {
  it("[ACCESSIBILITY]: has an outline of parts, categories and datasets, each pointing at the page its heading is on", () => {
    const items = flat(outlines(full.pdf));
    const text = pages(full.pdf);
    const titles = items.map((i) => i.title);
    for (const expected of ["Contents", "Part 1. Categories of personal information", "Part 2. Specific pieces of personal information", "A. Identifiers", "Product activity (Parlay app)", "Part 4. Systems we searched"]) {
      expect(titles).toContain(expected);
    }
    const dataset = items.find((i) => i.title === "Product activity (Parlay app)" && i.depth === 2)!;
    expect(dataset).toBeDefined();
    expect(text[dataset.page - 1]).toContain("Product activity (Parlay app): 300 records");
    const category = items.find((i) => i.title === "F. Internet or other electronic network activity information")!;
    expect(category.depth).toBe(1);
    expect(text[category.page - 1]).toMatch(/^\s*F\. Internet or other electronic network activity information$/m);
    const raw = fs.readFileSync(full.pdf, "latin1");
    expect(raw).toContain("/PageMode /UseOutlines");
    // PDF/UA-1 identifier in the XMP metadata (ISO 14289-1 5).
    expect(raw).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    // Spanish titles survive as text (UTF-16 in the outline).
    expect(flat(outlines(spanish.pdf)).map((i) => i.title)).toContain("Parte 2. Datos específicos de información personal");
  });

  it("[CONSUMER]: the contents page gives the page each part, category and dataset starts on", () => {
    const text = pages(full.pdf);
    const contentsPage = text.findIndex((p) => /^\s*Contents$/m.test(p));
    expect(contentsPage).toBeGreaterThanOrEqual(0);
    const contents = text[contentsPage]!;
    const entries = [
      ["Part 1. Categories of personal information", "Part 1. Categories of personal information"],
      ["Product activity (Parlay app)", "Product activity (Parlay app): 300 records"],
      ["Part 4. Systems we searched", "Part 4. Systems we searched"],
    ] as const;
    for (const [entry, heading] of entries) {
      const line = contents.split("\n").find((l) => l.trim().startsWith(entry) && /\d+\s*$/.test(l));
      expect(line, entry).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line!)![1]);
      // The heading is on that page: a line of its own (not the contents entry, not a running head).
      const where = text.findIndex((p) => p.split("\n").some((l) => l.trim() === heading));
      expect(where + 1, entry).toBe(page);
    }
  });

  it("[ACCESSIBILITY]: the contents is tagged TOC / TOCI; sources, purposes and recipients are tagged lists", () => {
    const struct = run("pdfinfo", ["-struct", full.pdf]);
    expect(struct).toMatch(/^\s+TOC$/m);
    expect(struct).toMatch(/^\s+TOCI$/m);
    expect(struct).toMatch(/^\s+L \(block\):\n\s+\/ListNumbering \/Disc\n\s+LI \(block\)\n\s+Lbl \(block\)\n\s+LBody \(block\)$/m);
    // Business purpose, sold and shared: three labelled lists, an empty one saying so in words (R24).
    const text = pages(full.pdf).join("\n");
    expect(text).toMatch(/Disclosed for a business\s*\n[^\n]*purpose to:/);
    expect(text).toMatch(/•\s+Analytics provider \(service/);
    expect(text).toMatch(/Sold to:\s*\n[^\n]*no one/);
  });

  it("[CONSUMER]: every page a table continues on names its part, category and dataset, in the request's language", () => {
    const continued = pages(spanish.pdf).filter((p) => /203\.0\.113\.\d+/.test(p) && !p.includes("Actividad en el producto (Aplicación Parlay): 300 registros"));
    expect(continued.length).toBeGreaterThan(0);
    for (const page of continued) expect(page).toContain("Parte 2. Datos específicos de información personal › A. Identificadores › Actividad en el producto (Aplicación Parlay) (continuación)");
  });
});

describe("PDF listing policy (ADR 032)", () => {
  it("[CONSUMER]: a dataset above the limit is summarised, says where the complete list is, and the JSON still holds every record", () => {
    const text = pages(summarised.pdf).join("\n");
    const prose = text.replace(/\s+/g, " ");
    expect(text).toContain("Product activity (Parlay app): 300 records");
    // Pacific calendar days, as the period is counted: the first record, at midnight UTC on June 1, was on May 31 in California.
    expect(prose).toContain("This system holds 300 records about you, dated from May 31, 2025 to June 13, 2025.");
    expect(prose).toContain("The complete list, every record with every piece of information, is in the JSON file and in the CSV files of the same download.");
    // Low-cardinality values are counted; the many page addresses are not listed one by one.
    expect(text).toMatch(/Device\s+Firefox 128 on Linux\s+300/);
    expect(text).toMatch(/Page visited\s+Many different values \(see the JSON and CSV files\)\s+300/);
    expect(text).toContain("The 25 most recent records");
    // The most recent record (#300, hour 299) is shown, an early one is not.
    expect(text).toMatch(/\b300\s+2025-06-13 11:00/);
    expect(text).not.toMatch(/\b10\s+2025-06-01 09:00/);
    // Small datasets (the profile, two orders) are still listed in full.
    expect(text).toContain("Jane Q. Consumer");
    expect(text).toContain("PO-1002");
    expect(summarised.result.pdfPages).toBeLessThan(full.result.pdfPages);
    const json = JSON.parse(summarised.jsonText) as { specificPieces: { categories: { datasets: { dataset: string; records: unknown[] }[] }[] } };
    const activity = json.specificPieces.categories.flatMap((c) => c.datasets).filter((d) => d.dataset === "Product activity");
    expect(activity.length).toBeGreaterThan(0);
    for (const d of activity) expect(d.records).toHaveLength(300);
  });

  it("[CONSUMER]: `full` lists every record in the PDF", () => {
    const raw = run("pdftotext", ["-raw", full.pdf, "-"]);
    for (const ip of IPS) expect(raw).toContain(ip);
    expect(raw).not.toContain("most recent records");
  });

  it("[CONSUMER]: the summary is in Spanish for a Spanish request", async () => {
    const es = await renderFixture(dir, "es-limit", jane, inputFor(summaryFor(jane), { language: "es" }), { pdfListing: 100 });
    const text = pages(es.pdf).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("Este sistema guarda 300 registros sobre usted, con fechas del 31 de mayo de 2025 al 13 de junio de 2025.");
    expect(text).toContain("Los 25 registros más recientes");
    expect(run("qpdf", ["--check", es.pdf])).toContain("No syntax or stream encoding errors found");
  });
});

describe("PDF fallback fonts (ADR 031)", () => {
  it("[CONSUMER]: emoji, symbols and arrows in the data are drawn from embedded Noto fallback fonts, not as boxes", async () => {
    const value = "Thanks 😀 ✔ ☐ ★ → done";
    const records = [
      ...janeRecords(1),
      record("app", "conversations", { en: "Support conversations", es: "Conversaciones de soporte" }, "c-emoji", "2025-07-09T12:00:00.000Z", [
        field("conversations.subject", { en: "Subject", es: "Asunto" }, ["H"], value),
      ]),
    ];
    const rendered = await renderFixture(dir, "emoji", records, inputFor(summaryFor(records)));
    const fonts = run("pdffonts", [rendered.pdf]);
    for (const name of ["NotoEmoji-Regular", "NotoSansSymbols2-Regular", "NotoSansMath-Regular"]) expect(fonts).toMatch(new RegExp(`\\+${name}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
    expect(run("pdftotext", ["-raw", rendered.pdf, "-"])).toContain(value);
    expect(run("qpdf", ["--check", rendered.pdf])).toContain("No syntax or stream encoding errors found");
    // A document without such characters does not carry the fallback fonts, nor one with emoji the CJK fonts.
    expect(run("pdffonts", [full.pdf])).not.toContain("NotoEmoji");
    expect(fonts).not.toMatch(/NotoSansSC|NotoSansKR/);
  });

  it("[CONSUMER]: a name in Chinese, Japanese or Korean is drawn from the embedded Noto CJK fonts, not as boxes (ADR 059)", async () => {
    const value = "王小明 (繁體 體育) 山田 はなこ 김민준";
    const records = [
      ...janeRecords(1),
      record("app", "conversations", { en: "Support conversations", es: "Conversaciones de soporte" }, "c-cjk", "2025-07-09T12:00:00.000Z", [
        field("conversations.subject", { en: "Subject", es: "Asunto" }, ["H"], value),
      ]),
    ];
    const rendered = await renderFixture(dir, "cjk", records, inputFor(summaryFor(records)));
    const fonts = run("pdffonts", [rendered.pdf]);
    for (const name of ["NotoSansSC-Regular", "NotoSansKR-Regular"]) expect(fonts).toMatch(new RegExp(`\\+${name}\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes`));
    expect(run("pdftotext", ["-raw", rendered.pdf, "-"])).toContain(value);
    expect(run("qpdf", ["--check", rendered.pdf])).toContain("No syntax or stream encoding errors found");
  });
});

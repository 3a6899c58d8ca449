import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExpandedSpoolRecord } from "../../../server/collection/collection-types.shared";
import { FAKE_SSN, field, inputFor, janeRecords, record, renderFixture, SPANISH_VALUE, summaryFor, tempDir, X23_VALUES, type RenderedFixture } from "./fixtures";

// The PDF is checked with the tools a reviewer would use: qpdf and poppler-utils.
const run = (command: string, args: string[]) => execFileSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const pages = (pdf: string) => run("pdftotext", ["-layout", pdf, "-"]).split("\f").slice(0, -1);

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const REQUEST_ID = "9m4e2k7q0c1v8r3t5x6z7b8n9d";
const jane = janeRecords(300);
let english: RenderedFixture;
let spanish: RenderedFixture;

beforeAll(async () => {
  english = await renderFixture(dir, "en", jane, inputFor(summaryFor(jane)));
  spanish = await renderFixture(dir, "es", jane, inputFor(summaryFor(jane, { period: { kind: "since_2022", start: "2022-01-01", end: "2026-03-02" } }), { language: "es" }));
});

describe("PDF disclosure", () => {
  it("[OPS]: is a valid PDF: qpdf finds no errors", () => {
    for (const pdf of [english.pdf, spanish.pdf]) expect(run("qpdf", ["--check", pdf])).toContain("No syntax or stream encoding errors found");
  });

  it("[ACCESSIBILITY]: is tagged, titled, in the request's language, with header cells scoped to their column", () => {
    const info = run("pdfinfo", [english.pdf]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Your personal information held by Parlay$/m);
    expect(info).toMatch(/^JavaScript:\s+no$/m);
    expect(info).toMatch(new RegExp(`^Pages:\\s+${english.result.pdfPages}$`, "m"));
    const raw = fs.readFileSync(english.pdf, "latin1");
    expect(raw).toContain("/Lang (en-US)");
    expect(raw).toContain("/DisplayDocTitle true");
    expect(fs.readFileSync(spanish.pdf, "latin1")).toContain("/Lang (es-US)");
    const struct = run("pdfinfo", ["-struct", english.pdf]);
    expect(struct).toMatch(/^Document$/m);
    expect(struct).toMatch(/^\s+H1/m);
    expect(struct).toMatch(/^\s+Table/m);
    expect(struct).toMatch(/^\s+TH:\n\s+\/Scope \/Column$/m);
    expect(struct).toMatch(/^\s+TH:\n\s+\/Scope \/Row$/m);
    expect(struct).toMatch(/^\s+TD$/m);
  });

  it("[OPS]: embeds every font it uses", () => {
    const fonts = run("pdffonts", [english.pdf]).trim().split("\n").slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) expect(line).toMatch(/NotoSans-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it("[CONSUMER]: shows category names, labels and values, and script or formula values as plain text (X23)", () => {
    const text = pages(english.pdf).join("\n");
    for (const expected of ["A. Identifiers", "L. Sensitive personal information", "Product activity (Parlay app): 300 records", "IP address", "203.0.113.42", "Jane Q. Consumer", "Extra seats (5)", "499.5", "No date kept"]) {
      expect(text).toContain(expected);
    }
    for (const value of X23_VALUES) expect(text).toContain(value);
    expect(text).toContain("We have not sold your personal information in the period covered.");
  });

  it("[CONSUMER]: holds every value of the JSON, with the same record counts (R33: the two documents agree)", () => {
    const document = JSON.parse(english.jsonText) as { specificPieces: { categories: { datasets: { source: string; dataset: string; recordCount: number; records: { pieces: { value?: unknown }[] }[] }[] }[] } };
    // -raw keeps content-stream order: each cell's text is contiguous once whitespace is removed.
    const squeeze = (text: string) => text.replace(/\s+/g, "");
    const raw = squeeze(run("pdftotext", ["-raw", english.pdf, "-"]));
    let checked = 0;
    for (const category of document.specificPieces.categories) {
      for (const dataset of category.datasets) {
        expect(raw).toContain(squeeze(`${dataset.dataset} (${dataset.source}): ${dataset.recordCount} record`));
        for (const record of dataset.records) {
          for (const piece of record.pieces) {
            if (piece.value === undefined) continue;
            const shown = typeof piece.value === "boolean" ? (piece.value ? "Yes" : "No") : String(piece.value);
            expect(raw).toContain(squeeze(shown));
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(900);
  });

  it("[SECURITY]: never prints a withheld value, but says each type was collected (7024(d), X13)", () => {
    const text = pages(english.pdf).join("\n");
    expect(text).not.toContain(FAKE_SSN);
    expect(text).not.toContain("6789");
    expect(text).toMatch(/Social Security number\s+1\s+Collected\. Not shown, for your security\./);
    expect(text).toMatch(/Social Security number\s+Password\s*\n.*Collected, not shown \(see Part 3\)/);
  });

  it("[ACCESSIBILITY]: repeats the header row on every page of a long table, and every page has its footer", () => {
    const all = pages(english.pdf);
    const continued = all.filter((page) => /203\.0\.113\.2[0-4]\d/.test(page) && !page.includes("Product activity (Parlay app): 300 records"));
    expect(continued.length).toBeGreaterThan(0);
    for (const page of continued) {
      expect(page).toMatch(/#\s+Date \(UTC\)\s+IP address/);
      // The running head names the part, the category and the dataset the page continues (ADR 031).
      expect(page).toContain("Part 2. Specific pieces of personal information › A. Identifiers › Product activity (Parlay app) (continued)");
    }
    for (const [i, page] of all.entries()) {
      expect(page).toContain(`Request ${REQUEST_ID}`);
      expect(page).toContain(`SHA-256 of the JSON file: ${english.result.jsonSha256}`);
      expect(page).toContain(`Page ${i + 1} of ${all.length}`);
    }
  });

  it("[CONSUMER]: a value taller than a page continues under the repeated header, complete and in order", async () => {
    // 1,000 words: about 7,900 characters, more than a page of the cell yet within PDF_VALUE_CHARS (ADR 062).
    const records = janeRecords(1);
    records[1]!.fields[1]!.value = Array.from({ length: 1000 }, (_, i) => `word${i}`).join(" ");
    const tall = await renderFixture(dir, "tall", records, inputFor(summaryFor(records)));
    const words = run("pdftotext", ["-raw", tall.pdf, "-"]).match(/word\d+/g) ?? [];
    expect(words).toEqual(Array.from({ length: 1000 }, (_, i) => `word${i}`));
    const continued = pages(tall.pdf).filter((page) => page.includes("word700"));
    expect(continued).toHaveLength(1);
    expect(continued[0]).toMatch(/#\s+Date \(UTC\)\s+Subject\s+Message/);
    expect(run("qpdf", ["--check", tall.pdf])).toContain("No syntax or stream encoding errors found");
  });

  it("[CONSUMER]: Spanish throughout, accents intact", () => {
    const all = pages(spanish.pdf);
    const text = all.join("\n");
    for (const expected of ["Su información personal en poder de Parlay", "A. Identificadores", "Número de Seguro Social", "Dirección IP", "Recopilada. No se muestra, por su seguridad.", "1 de enero de 2022", ...SPANISH_VALUE.split(" ")]) {
      expect(text).toContain(expected);
    }
    expect(all[0]).toContain(`Página 1 de ${all.length}`);
    expect(all[1]).toMatch(/#\s+Fecha \(UTC\)|Dato\s+Detalle|Categoría/);
  });

  it("[OPS]: the same input gives the same bytes", async () => {
    const again = await renderFixture(dir, "en-again", jane, inputFor(summaryFor(jane)));
    const hash = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
    expect(hash(again.pdf)).toBe(hash(english.pdf));
    expect(run("pdfinfo", [english.pdf])).toMatch(/^CreationDate:\s+Fri Mar 20 16:05:00 2026 UTC$/m);
  });

  it("[CONSUMER]: a person with nothing in the period gets a clear disclosure, not an error", async () => {
    const empty = await renderFixture(dir, "empty", [], inputFor(summaryFor([])));
    const text = pages(empty.pdf).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("We found no personal information about you in the period covered (March 2, 2025 to March 2, 2026).");
    expect(text).toContain("We found no specific pieces of personal information about you in the period covered.");
    expect(text).toContain("We did not collect any of the types of information that the law does not allow us to show");
  });

  it("[CONSUMER]: a downgraded request explains why and shows no specific pieces (M-UNV-SP, X1)", async () => {
    const downgraded = await renderFixture(dir, "downgraded", jane, inputFor(summaryFor(jane), { downgraded: true }));
    const text = pages(downgraded.pdf).join("\n");
    expect(text.replace(/\s+/g, " ")).toContain("For your security we have not disclosed any specific pieces of information.");
    expect(text).not.toContain("203.0.113.42");
    expect(text).not.toContain("Jane Q. Consumer");
    expect(text).toContain("Social Security number");
  });

  it("[CONSUMER]: a web visit with six fields is one table row, and IP addresses and ids are never broken across lines", async () => {
    const visits = Array.from({ length: 80 }, (_, i) => webVisit(i));
    const wide = await renderFixture(dir, "visits", visits, inputFor(summaryFor(visits)));
    const all = pages(wide.pdf);
    const text = all.join("\n");
    const part = text.slice(text.indexOf("Visits to our website and app (Parlay app): 80 records"));
    expect(part).toMatch(/#\s+Date \(UTC\)\s+Website\s+What you\s+Page or screen/);
    // Every visit is one row: its number, date, source and event share a line, whatever wraps beside them.
    for (let i = 0; i < visits.length; i += 7) expect(part).toMatch(new RegExp(`^${i + 1}\\s+2025-06-\\d\\d \\d\\d:\\d\\d\\s+web\\s+page_view\\s`, "m"));
    for (const visit of visits.slice(0, 20)) {
      for (const id of ["events.ip", "events.device_id"]) expect(text).toContain(String(visit.fields.find((f) => f.fieldId === id)!.value));
    }
  });

  it("[CONSUMER]: a dataset heading is never the last thing on a page: it stays with its table", async () => {
    // Datasets of many sizes put their headings at every height of a page.
    const records = Array.from({ length: 24 }, (_, d) =>
      Array.from({ length: 3 + ((d * 7) % 11) }, (_, i) =>
        record("app", `set${d}`, { en: `Dataset ${d}`, es: `Conjunto ${d}` }, `k${i}`, "2025-07-01T12:00:00.000Z", [field(`set${d}.note`, { en: "Note", es: "Nota" }, ["H"], `note ${i} of dataset ${d}`)]),
      ),
    ).flat();
    const many = await renderFixture(dir, "headings", records, inputFor(summaryFor(records)));
    const all = pages(many.pdf);
    let headings = 0;
    for (const page of all) {
      const lines = page.split("\n").filter((l) => l.trim() !== "");
      const body = lines.slice(0, -2); // the last two lines are the footer
      headings += body.filter((l) => /Dataset \d+ \(Parlay app\): \d+ records/.test(l)).length;
      expect(body.at(-1)).not.toMatch(/\): \d+ records?$|^\s*H\. /);
    }
    expect(headings).toBe(24);
  });
});

/** A visit to the website: six category-F fields (one row per visit) and an IP address and device id (A). */
function webVisit(i: number): ExpandedSpoolRecord {
  const t = (en: string) => ({ en, es: en });
  return record("app", "events", t("Visits to our website and app"), `v${i}`, new Date(Date.UTC(2025, 5, 1) + i * 3_600_000).toISOString(), [
    field("events.source", t("Website or app"), ["F"], "web"),
    field("events.device_id", t("Device ID"), ["A"], `c47a9e21-5f3d-4b80-a6e2-${String(910_000_000_000 + i)}`),
    field("events.event", t("What you did"), ["F"], "page_view"),
    field("events.url", t("Page or screen"), ["F"], `https://app.parlay.example/inbox/conversations/${10_000 + i}`),
    field("events.referrer", t("Page you came from"), ["F"], i % 3 === 0 ? "https://www.example.com/search?q=parlay" : null),
    field("events.agent", t("Browser or app version"), ["F"], "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36"),
    field("events.ip", t("IP address"), ["A"], `2001:db8:4fcf:7202::${(0x2000 + i).toString(16)}`),
    field("events.time", t("Time"), ["F"], `2025-06-01 ${String(i % 24).padStart(2, "0")}:00:00.000`),
  ]);
}


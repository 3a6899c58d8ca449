import { describe, expect, it } from "vitest";
import { clipPdfValue, PDF_VALUE_CHARS } from "../../../server/reports/clip-pdf-value";

const note = (characters: number) => `(${characters} in all)`;

describe("clipPdfValue", () => {
  it("[CONSUMER]: prints a value up to the limit whole", () => {
    const long = "x".repeat(PDF_VALUE_CHARS);
    expect(clipPdfValue(long, note)).toBe(long);
    // Astral characters count once: 10,000 emoji are 20,000 UTF-16 units and still whole.
    const emoji = "😀".repeat(PDF_VALUE_CHARS);
    expect(clipPdfValue(emoji, note)).toBe(emoji);
  });

  it("[CONSUMER]: cuts a longer value on a word, and says where and how long the whole is", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${String(i).padStart(5, "0")}`).join(" ");
    const shown = clipPdfValue(words, note);
    expect(shown).toMatch(/ w\d{5}… \(20999 in all\)$/);
    expect(words.startsWith(shown.slice(0, shown.indexOf("…")))).toBe(true);
    expect(shown.indexOf("…")).toBeLessThanOrEqual(PDF_VALUE_CHARS);
    expect(shown.indexOf("…")).toBeGreaterThan(PDF_VALUE_CHARS - 10);
  });

  it("[CONSUMER]: never cuts inside a character: surrogate pairs and combining marks stay whole", () => {
    const emoji = clipPdfValue("😀".repeat(PDF_VALUE_CHARS + 5), note);
    expect(emoji).toBe(`${"😀".repeat(PDF_VALUE_CHARS)}… (${PDF_VALUE_CHARS + 5} in all)`);
    const accents = clipPdfValue("e\u0301".repeat(PDF_VALUE_CHARS), note);
    expect(accents.slice(0, accents.indexOf("…")).endsWith("e\u0301")).toBe(true);
  });
});

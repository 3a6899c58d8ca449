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
  it("[CONSUMER]: shows each control character as a visible symbol, never as a broken-font replacement mark; the JSON keeps the exact value", () => {
    const text = pages(hostile.pdf).join("\n");
    expect(text).not.toContain("\ufffd");
    // C0 controls and DEL as Unicode's control pictures, C1 controls (which have none) as an escape.
    expect(text).toContain("bell\u2407 nul\u2400 esc\u241b del\u2421 c1\\u0085 vt\u240b end");
    const json = JSON.parse(hostile.jsonText) as { specificPieces: { categories: { datasets: { records: { pieces: { value?: unknown }[] }[] }[] }[] } };
    const values = json.specificPieces.categories.flatMap((c) => c.datasets.flatMap((d) => d.records.flatMap((r) => r.pieces.map((p) => p.value))));
    expect(values).toContain(CONTROLS);
  });

  it("[SECURITY]: bidi overrides and isolates do not reorder the rest of the cell", () => {
    const text = pages(hostile.pdf).join("\n").replace(/[\u202a-\u202e\u2066-\u2069]/g, "");
    expect(text).toMatch(/left right to left after isolate tail/);
    expect(text).not.toMatch(/tfel ot thgir|etalosi/);
  });
});

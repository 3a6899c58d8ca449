import { describe, expect, it } from "vitest";
import { buildDisclosureModel } from "../../../server/reports/build-disclosure-model";
import { inputFor, janeRecords, summaryFor } from "../../integration/reports/fixtures";

const message = (model: ReturnType<typeof buildDisclosureModel>, code: string) => model.messages.find((m) => m.code === code)?.text;

// Issue 15 item 3: notices fit the document they are in.
describe("disclosure messages fit the document", () => {
  it("[CONSUMER]: a categories-only answer mentions undated records without pointing at markers it does not show", () => {
    const summary = summaryFor(janeRecords());
    expect(summary.undatedRecords).toBeGreaterThan(0);
    const withPieces = message(buildDisclosureModel(inputFor(summary)), "undated_records")!;
    expect(withPieces).toContain('"No date kept"');
    const categoriesOnly = message(buildDisclosureModel(inputFor(summary, { type: "categories" })), "undated_records")!;
    expect(categoriesOnly).toContain("not keep the date");
    expect(categoriesOnly).not.toContain("No date kept");
    const spanish = message(buildDisclosureModel(inputFor(summary, { type: "categories", language: "es" })), "undated_records")!;
    expect(spanish).not.toContain("Sin fecha registrada");
  });

  it("[CONSUMER]: records kept from before the period are said to be kept, in words that fit each document (R28)", () => {
    const summary = summaryFor(janeRecords(), { earlierRecords: 2 });
    const pieces = message(buildDisclosureModel(inputFor(summary)), "earlier_records")!;
    expect(pieces).toBe('Information you gave us earlier that we still keep: 2 records were collected before March 2, 2025, when the period begins, and we still hold them, so they are included; their date is marked "Kept from earlier".');
    const categories = message(buildDisclosureModel(inputFor(summary, { type: "categories" })), "earlier_records")!;
    expect(categories).toMatch(/^Information you gave us earlier that we still keep: .* included in the categories below\.$/);
    expect(categories).not.toContain("marked");
    const es = message(buildDisclosureModel(inputFor(summaryFor(janeRecords(), { earlierRecords: 1 }), { language: "es" })), "earlier_records")!;
    expect(es).toBe("Información que nos dio antes y que aún conservamos: un registro se recopiló antes del 2 de marzo de 2025, cuando comienza el período, y aún lo conservamos, por lo que se incluye; su fecha aparece marcada como «Conservado de antes».");
    expect(message(buildDisclosureModel(inputFor(summaryFor(janeRecords()))), "earlier_records")).toBeUndefined();
  });

  it("[CONSUMER]: an empty answer says it covers the period, in both languages (R24)", () => {
    expect(message(buildDisclosureModel(inputFor(summaryFor([]))), "nothing_found")).toContain("in the period covered");
    expect(message(buildDisclosureModel(inputFor(summaryFor([]), { language: "es" })), "nothing_found")).toBe(
      "No encontramos información personal sobre usted en el período cubierto (del 2 de marzo de 2025 al 2 de marzo de 2026).",
    );
  });
});

import { describe, expect, it } from "vitest";
import { buildDisclosureModel } from "../../../server/reports/build-disclosure-model";
import { inputFor, janeRecords, summaryFor } from "../../integration/reports/fixtures";

const codes = (model: ReturnType<typeof buildDisclosureModel>) => model.messages.map((m) => m.code);

describe("buildDisclosureModel", () => {
  it("[CONSUMER]: lists all twelve categories in order, with practices only for those collected (R24, R26)", () => {
    const model = buildDisclosureModel(inputFor(summaryFor(janeRecords())));
    expect(model.categories.map((c) => c.code)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"]);
    const e = model.categories.find((c) => c.code === "E")!;
    expect(e).toMatchObject({ collected: false, sources: [], purposes: [], disclosedTo: [], soldTo: [], sharedWith: [] });
    expect(model.categories.find((c) => c.code === "F")).toMatchObject({ collected: true, sharedWith: ["Advertising networks (third party)"] });
  });

  it("[CONSUMER]: says in words that nothing was sold, and does not claim nothing was shared when it was (R24)", () => {
    const model = buildDisclosureModel(inputFor(summaryFor(janeRecords())));
    expect(codes(model)).toContain("not_sold");
    expect(codes(model)).not.toContain("not_shared");
  });

  it("[CONSUMER]: a downgraded specific-pieces request carries M-UNV-SP and contains categories only (X1)", () => {
    const model = buildDisclosureModel(inputFor(summaryFor(janeRecords()), { downgraded: true }));
    expect(model.contents).toBe("categories");
    expect(model.verification).toEqual({ level: "reasonable", downgraded: true });
    expect(model.messages[0]).toMatchObject({ code: "downgraded", text: expect.stringContaining("could not verify your identity") });
  });

  it("[CONSUMER]: everything since 2022 explains the law's start date (M-LOOKBACK, X14), in Spanish too", () => {
    const summary = summaryFor(janeRecords(), { period: { kind: "since_2022", start: "2022-01-01", end: "2026-03-02" } });
    const model = buildDisclosureModel(inputFor(summary, { language: "es" }));
    const lookback = model.messages.find((m) => m.code === "lookback")!;
    expect(lookback.text).toContain("1 de enero de 2022");
    expect(model.messages.find((m) => m.code === "period")!.text).toContain("del 1 de enero de 2022 al 2 de marzo de 2026");
    expect(model.categories[0]!.label).toBe("Identificadores");
    expect(model.withheld.find((w) => w.type === "ssn")).toMatchObject({ label: "Número de Seguro Social", reason: expect.stringContaining("7024(d)") });
  });

  it("[CONSUMER]: a person with nothing in the period gets a clear statement, not an empty document", () => {
    const model = buildDisclosureModel(inputFor(summaryFor([])));
    expect(model.categories.every((c) => !c.collected)).toBe(true);
    expect(model.messages.find((m) => m.code === "nothing_found")!.text).toBe(
      "We found no personal information about you in the period covered (March 2, 2025 to March 2, 2026).",
    );
  });

  it("[OPS]: an incomplete collection names the systems that failed (X22) and the data left out (M-NOMETHOD, X26)", () => {
    const summary = summaryFor(janeRecords());
    summary.complete = false;
    summary.sources[1]!.status = "timed_out";
    summary.excludedDatasets = [{ sourceId: "app", datasetId: "cookies", label: { en: "browsing data tied only to a cookie", es: "datos de navegación vinculados solo a una cookie" }, reason: { en: "the cookie is not linked to your account", es: "la cookie no está vinculada a su cuenta" } }];
    const model = buildDisclosureModel(inputFor(summary));
    expect(model.sources.complete).toBe(false);
    expect(model.messages.find((m) => m.code === "incomplete_sources")!.text).toContain("Billing system");
    expect(model.messages.find((m) => m.code === "no_method")!.text).toBe(
      "We have no reasonable way to confirm that browsing data tied only to a cookie relates to you, because the cookie is not linked to your account. For that reason it is not included.",
    );
  });

  it("[CONSUMER]: a category with pieces in the spool is reported as collected even if the summary missed it", () => {
    const summary = summaryFor(janeRecords());
    summary.categories.find((c) => c.category === "K")!.collected = false;
    expect(buildDisclosureModel(inputFor(summary), new Set(["K"])).categories.find((c) => c.code === "K")!.collected).toBe(true);
  });
});

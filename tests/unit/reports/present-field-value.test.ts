import { describe, expect, it } from "vitest";
import { formatForLanguage } from "../../../server/reports/format-for-language";
import { presentFieldValue } from "../../../server/reports/present-field-value";

const en = formatForLanguage("en");
const es = formatForLanguage("es");

// Issue 15 item 2: how stored values read, per language (R33: easy for an average consumer).
describe("presentFieldValue", () => {
  it("[CONSUMER]: a code reads as its label; an unknown code is shown as stored", () => {
    const field = { values: { page_view: { en: "Page view", es: "Página vista" } } };
    expect(presentFieldValue(field, es)!.present("page_view")).toBe("Página vista");
    expect(presentFieldValue(field, en)!.present("page_view")).toBe("Page view");
    expect(presentFieldValue(field, en)!.present("brand_new_code")).toBeUndefined();
    expect(presentFieldValue(field, en)!.inJson).toBe(true);
    expect(presentFieldValue({}, en)).toBeUndefined();
  });

  it("[CONSUMER]: amounts, yes/no, shares, dates and instants in each language", () => {
    expect(presentFieldValue({ format: "money_cents" }, en)!.present(123456)).toBe("1,234.56");
    expect(presentFieldValue({ format: "money_cents", currency: "USD" }, en)!.present("3900")).toBe("$39.00");
    expect(presentFieldValue({ format: "boolean" }, es)!.present(1)).toBe("Sí");
    expect(presentFieldValue({ format: "boolean" }, en)!.present(false)).toBe("No");
    expect(presentFieldValue({ format: "boolean" }, en)!.present("maybe")).toBeUndefined();
    expect(presentFieldValue({ format: "percent" }, en)!.present(0.42)).toBe("42%");
    expect(presentFieldValue({ format: "date" }, es)!.present("1988-03-14")).toBe("14 de marzo de 1988");
    expect(presentFieldValue({ format: "instant" }, en)!.present("2026-08-14T07:31:56.357Z")).toBe("Aug 14, 2026, 7:31 AM UTC");
    expect(presentFieldValue({ format: "instant" }, es)!.present("2026-08-14 19:05:00.000")).toMatch(/^14 ago 2026, 7:05 p\.\s?m\. UTC$/);
    // Dates and instants are ISO in the JSON already: no text beside them there.
    expect(presentFieldValue({ format: "instant" }, en)!.inJson).toBe(false);
    expect(presentFieldValue({ format: "money_cents" }, en)!.inJson).toBe(true);
  });
});

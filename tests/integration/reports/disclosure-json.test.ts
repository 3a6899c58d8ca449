import { createHash } from "node:crypto";
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import { activityRecord, FAKE_SSN, inputFor, janeRecords, renderFixture, SPANISH_VALUE, summaryFor, tempDir, X23_VALUES } from "./fixtures";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync("docs/disclosure.schema.json", "utf8")) as object);

function expectValid(document: unknown): void {
  const valid = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

/** The recipe of docs/disclosure-format.md: SHA-256 of every byte before the key "integrity". */
function recomputeIntegrity(file: string): string {
  const bytes = fs.readFileSync(file);
  return createHash("sha256").update(bytes.subarray(0, bytes.lastIndexOf('"integrity":'))).digest("hex");
}

const jane = janeRecords();
const since2022 = { period: { kind: "since_2022" as const, start: "2022-01-01", end: "2026-03-02" } };

describe("JSON disclosure format v1", () => {
  it("[CONSUMER]: specific pieces, categories, downgraded, Spanish and empty disclosures all validate against the published schema", async () => {
    const people = [
      await renderFixture(dir, "specific", jane, inputFor(summaryFor(jane))),
      await renderFixture(dir, "categories", jane, inputFor(summaryFor(jane), { type: "categories" })),
      await renderFixture(dir, "downgraded", jane, inputFor(summaryFor(jane), { downgraded: true, agent: true })),
      await renderFixture(dir, "spanish", jane, inputFor(summaryFor(jane, since2022), { language: "es" })),
      await renderFixture(dir, "nothing", [], inputFor(summaryFor([]))),
    ];
    for (const person of people) expectValid(JSON.parse(person.jsonText));
    expect(people.map((p) => p.result.contents)).toEqual(["categories_and_specific_pieces", "categories", "categories", "categories_and_specific_pieces", "categories_and_specific_pieces"]);
  });

  it("[OPS]: the schema rejects what the format forbids", async () => {
    const { jsonText } = await renderFixture(dir, "negative", jane, inputFor(summaryFor(jane)));
    const broken = (edit: (d: any) => void) => {
      const document = JSON.parse(jsonText);
      edit(document);
      return validate(document);
    };
    expect(broken(() => {})).toBe(true);
    expect(broken((d) => (d.contents = "categories"))).toBe(false);
    expect(broken((d) => d.categories.pop())).toBe(false);
    expect(broken((d) => (d.specificPieces.categories[0].datasets[0].records[0].pieces[4] = { label: "SSN", withheld: "ssn", value: FAKE_SSN }))).toBe(false);
    expect(broken((d) => (d.specificPieces.categories[0].datasets[0].records[0].fieldId = "users.ssn"))).toBe(false);
  });

  it("[CONSUMER]: keys come in the documented order, whatever order the input objects had", async () => {
    const input = inputFor(summaryFor(jane));
    const shuffled = { ...input, business: { privacyPolicyUrl: input.business.privacyPolicyUrl, contactEmail: input.business.contactEmail, name: input.business.name } };
    const { jsonText } = await renderFixture(dir, "order", jane, shuffled);
    const document = JSON.parse(jsonText) as Record<string, any>;
    expect(Object.keys(document)).toEqual(["$schema", "schemaVersion", "contents", "request", "business", "verification", "messages", "categories", "specificPieces", "withheld", "sources", "integrity"]);
    expect(Object.keys(document.request)).toEqual(["id", "type", "receivedAt", "receiptDate", "dueDate", "completedAt", "period", "channel", "submittedBy", "language"]);
    expect(Object.keys(document.business)).toEqual(["name", "contactEmail", "privacyPolicyUrl"]);
    expect(Object.keys(document.categories[0])).toEqual(["code", "label", "collected", "sources", "purposes", "disclosedTo", "soldTo", "sharedWith"]);
    expect(Object.keys(document.specificPieces.categories[0].datasets[0].records[0])).toEqual(["record", "recordedAt", "pieces"]);
    expect(document.$schema).toBe("https://portal.parlay.example/schemas/disclosure-v1.json");
  });

  it("[CONSUMER]: the integrity hash can be recomputed from the file as documented, and the file hash is what the PDF prints", async () => {
    const { json, jsonText, result } = await renderFixture(dir, "integrity", jane, inputFor(summaryFor(jane)));
    const document = JSON.parse(jsonText) as { integrity: { sha256: string } };
    expect(recomputeIntegrity(json)).toBe(document.integrity.sha256);
    expect(createHash("sha256").update(fs.readFileSync(json)).digest("hex")).toBe(result.jsonSha256);
    const tampered = jsonText.replace("jane@example.com", "jane@example.org");
    fs.writeFileSync(`${json}.tampered`, tampered);
    expect(recomputeIntegrity(`${json}.tampered`)).not.toBe(document.integrity.sha256);
  });

  it("[SECURITY]: a never-disclose value never appears; the withheld list names each type as collected (7024(d), X13)", async () => {
    const { jsonText } = await renderFixture(dir, "withheld", jane, inputFor(summaryFor(jane)));
    expect(jsonText).not.toContain(FAKE_SSN);
    expect(jsonText).not.toContain("6789");
    expect(jsonText).not.toContain("users.ssn");
    const document = JSON.parse(jsonText) as any;
    expect(document.withheld.map((w: any) => [w.type, w.collected, w.count])).toEqual([["ssn", true, 1], ["password", true, 1], ["card_number", true, 2]]);
    expect(document.withheld[0].statement).toBe("We collected this type of information about you: Social Security number.");
    expect(document.withheld[0].reason).toContain("11 CCR\u00a0§\u00a07024(d)");
    const l = document.specificPieces.categories.find((c: any) => c.code === "L");
    expect(l.datasets[0].records[0].pieces).toEqual([{ label: "Social Security number", withheld: "ssn" }, { label: "Password", withheld: "password" }]);
  });

  it("[SECURITY]: script and formula values survive as literal text; internal ids and table names stay out (X23)", async () => {
    const { jsonText } = await renderFixture(dir, "x23", jane, inputFor(summaryFor(jane)));
    const document = JSON.parse(jsonText) as any;
    const values = document.specificPieces.categories.flatMap((c: any) => c.datasets.flatMap((d: any) => d.records.flatMap((r: any) => r.pieces.map((p: any) => p.value))));
    for (const value of X23_VALUES) expect(values).toContain(value);
    expect(jsonText).not.toMatch(/fieldId|recordKey|sourceId|datasetId|users\.|conversations\.|events\./);
  });

  it("[CONSUMER]: a categories-only disclosure still names the withheld types and has no specific pieces (R31, X1)", async () => {
    const { jsonText } = await renderFixture(dir, "downgraded2", jane, inputFor(summaryFor(jane), { downgraded: true }));
    const document = JSON.parse(jsonText) as any;
    expect(document.specificPieces).toBeUndefined();
    expect(document.messages[0].code).toBe("downgraded");
    expect(document.withheld.map((w: any) => w.type)).toEqual(["ssn", "password", "card_number"]);
    expect(jsonText).not.toContain("jane@example.com");
  });

  it("[CONSUMER]: Spanish labels with machine codes kept, accents intact", async () => {
    const { jsonText } = await renderFixture(dir, "es", jane, inputFor(summaryFor(jane, since2022), { language: "es" }));
    const document = JSON.parse(jsonText) as any;
    expect(document.categories[0]).toMatchObject({ code: "A", label: "Identificadores" });
    expect(document.messages.map((m: any) => m.code)).toContain("lookback");
    expect(document.sources.searched[0]).toMatchObject({ status: "ok", statusLabel: "Consulta completa", source: "Aplicación Parlay" });
    expect(jsonText).toContain(SPANISH_VALUE);
  });

  it("[CONSUMER]: a person with nothing in the period gets a disclosure that says so", async () => {
    const { jsonText } = await renderFixture(dir, "empty", [], inputFor(summaryFor([])));
    const document = JSON.parse(jsonText) as any;
    expect(document.specificPieces).toEqual({ recordCount: 0, categories: [] });
    expect(document.messages.map((m: any) => m.code)).toContain("nothing_found");
  });

  it("[CONSUMER]: a value longer than a whole output chunk comes out complete, accents intact, and the integrity hash still holds", async () => {
    const long = activityRecord(9);
    const value = `${"café ".repeat(80_000)}¿fin?`;
    long.fields[0]!.value = value;
    const records = [...jane, long];
    const { json, jsonText } = await renderFixture(dir, "long", records, inputFor(summaryFor(records)));
    const document = JSON.parse(jsonText) as any;
    const pages = document.specificPieces.categories.find((c: any) => c.code === "F").datasets[0].records.at(-1).pieces[0];
    expect(pages).toEqual({ label: "Page visited", value });
    expect(recomputeIntegrity(json)).toBe(document.integrity.sha256);
  });

  it("[OPS]: the same input gives the same bytes", async () => {
    const a = await renderFixture(dir, "same-a", jane, inputFor(summaryFor(jane)));
    const b = await renderFixture(dir, "same-b", jane, inputFor(summaryFor(jane)));
    expect(b.result.jsonSha256).toBe(a.result.jsonSha256);
  });
});

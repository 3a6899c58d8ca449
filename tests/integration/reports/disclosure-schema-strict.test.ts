import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputFor, janeRecords, renderFixture, summaryFor, tempDir } from "./fixtures";

// Issue 15 item 7: the published schema (docs/disclosure.schema.json) refuses documents that no
// renderer may write, so a program relying on it can trust what it accepts (R33).
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync("docs/disclosure.schema.json", "utf8")) as object);

type Doc = Record<string, any>;
let valid: Doc;

beforeAll(async () => {
  const jane = janeRecords();
  valid = JSON.parse((await renderFixture(dir, "strict", jane, inputFor(summaryFor(jane)))).jsonText) as Doc;
});

/** A deep copy of the valid document with one change. */
function mutated(change: (doc: Doc) => void): Doc {
  const doc = structuredClone(valid);
  change(doc);
  return doc;
}

const category = (doc: Doc, code: string) => doc.categories.find((c: { code: string }) => c.code === code);

describe("disclosure schema strictness", () => {
  it("[R33]: the rendered document is valid as it is", () => {
    expect(validate(valid)).toBe(true);
    expect(category(valid, "E").collected).toBe(false);
  });

  it.each([
    ["a category not collected that lists a purpose", (d: Doc) => category(d, "E").purposes.push("Advertising")],
    ["a category not collected that lists a source", (d: Doc) => category(d, "E").sources.push("Directly from you")],
    ["a category not collected that says it was sold", (d: Doc) => category(d, "J").soldTo.push("Data brokers (third parties)")],
    ["a category not collected that names shared information", (d: Doc) => (category(d, "E").sharedInformation = ["IP address"])],
    ["shared information without anyone it is shared with", (d: Doc) => (category(d, "A").sharedInformation = ["IP address"])],
    ["a period starting before 2022-01-01", (d: Doc) => (d.request.period.start = "2021-12-31")],
    ["a period starting in the 1990s", (d: Doc) => (d.request.period.start = "1999-06-01")],
    ["a period that is no date", (d: Doc) => (d.request.period.end = "2026-02-30")],
    ["an unknown message code", (d: Doc) => d.messages.push({ code: "kept_forever", text: "x" })],
    ["a piece with both a value and a withheld type", (d: Doc) => (d.specificPieces.categories[0].datasets[0].records[0].pieces[0].withheld = "ssn")],
    ["a piece whose readable text is empty", (d: Doc) => (d.specificPieces.categories[0].datasets[0].records[0].pieces[0].text = "")],
    ["a withheld piece that carries a readable text", (d: Doc) => {
      const pieces = d.specificPieces.categories[0].datasets[0].records[0].pieces as Doc[];
      pieces.find((p) => "withheld" in p)!.text = "987-65-4321";
    }],
    ["a member the format does not define", (d: Doc) => (category(d, "A").notes = "extra")],
  ])("[R33]: rejects %s", (_what, change) => {
    const doc = mutated(change);
    expect(validate(doc)).toBe(false);
  });
});

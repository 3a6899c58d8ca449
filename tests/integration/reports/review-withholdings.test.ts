import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, describe, expect, it } from "vitest";
import type { ReviewWithholding } from "../../../server/review/review-reasons.shared";
import { inputFor, janeRecords, renderFixture, summaryFor, tempDir, X23_VALUES } from "./fixtures";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync("docs/disclosure.schema.json", "utf8")) as object);

const jane = janeRecords();
const WITHHOLDINGS: ReviewWithholding[] = [
  { id: "w1", fieldId: "conversations.body", recordKey: null, reasonCode: "third_party_pi", reasonText: "Names a colleague" },
  { id: "w2", fieldId: "orders.product", recordKey: "o-2", reasonCode: "other", reasonText: "This product line is described in our separate letter." },
];
const withReview = () => ({ ...inputFor(summaryFor(jane)), reviewWithholdings: WITHHOLDINGS });
const sha = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

describe("disclosure with a reviewer's withholdings (R42, X21)", () => {
  it("[SECURITY]: withheld values appear in neither document; the JSON lists them with the plain-language reason and validates", async () => {
    const { jsonText, pdf } = await renderFixture(dir, "review", jane, withReview());
    const document = JSON.parse(jsonText) as any;
    expect(validate(document)).toBe(true);
    for (const value of X23_VALUES) expect(jsonText).not.toContain(JSON.stringify(value).slice(1, -1));
    expect(jsonText).not.toContain("Extra seats (5)");
    expect(jsonText).toContain("Parlay Pro, annual plan");
    expect(jsonText).not.toContain("Names a colleague");
    expect(document.withheldByReview).toEqual([
      { label: "Message", dataset: expect.any(String), count: X23_VALUES.length, reasonCode: "third_party_pi", statement: expect.stringMatching(/^Withheld by our reviewer: Message/), reason: expect.stringContaining("1798.145(k)") },
      { label: "Product", dataset: expect.any(String), count: 1, reasonCode: "other", statement: expect.stringMatching(/^Withheld by our reviewer: Product/), reason: "This product line is described in our separate letter." },
    ]);
    // The record stays (its subject is still a piece); counts agree with the records listed.
    const h = document.specificPieces.categories.find((c: any) => c.code === "H");
    expect(h.datasets[0].records).toHaveLength(h.datasets[0].recordCount);
    expect(h.datasets[0].records[0].pieces.map((p: any) => p.label)).toEqual(["Subject"]);
    expect(Object.keys(document)).toEqual(["$schema", "schemaVersion", "contents", "request", "business", "verification", "messages", "categories", "specificPieces", "withheld", "withheldByReview", "sources", "integrity"]);

    const text = execFileSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Information withheld by our reviewer");
    expect(text).toContain("1798.145(k)");
    expect(text).not.toContain("Extra seats (5)");
  });

  it("[OPS]: without withholdings the member is absent; with them the output is still deterministic", async () => {
    const plain = JSON.parse((await renderFixture(dir, "plain", jane, inputFor(summaryFor(jane)))).jsonText);
    expect(plain.withheldByReview).toBeUndefined();
    const a = await renderFixture(dir, "review-a", jane, withReview());
    const b = await renderFixture(dir, "review-b", jane, withReview());
    expect(b.result.jsonSha256).toBe(a.result.jsonSha256);
    expect(sha(b.pdf)).toBe(sha(a.pdf));
  });

  it("[OPS]: the schema rejects a review withholding without its reason", async () => {
    const document = JSON.parse((await renderFixture(dir, "review-neg", jane, withReview())).jsonText);
    expect(validate(document)).toBe(true);
    delete document.withheldByReview[0].reason;
    expect(validate(document)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { findMentionCandidates } from "../../../server/review/find-mention-candidates";

const names = (text: string) => findMentionCandidates(text).names.map((n) => n.value);

describe("findMentionCandidates (R30)", () => {
  it("[OPS]: the cheap prefilters keep every name, address and number the patterns find: after a bracket, a newline, in accents", () => {
    expect(names("Thanks (Priya Raman) for the help")).toContain("Priya Raman");
    expect(names("Hello,\nPriya Raman called")).toContain("Priya Raman");
    expect(names("Ask Élodie Núñez")).toContain("Élodie Núñez");
    expect(names("Van der Berg, Anna de la Cruz")).toContain("Anna de la Cruz");
    expect(findMentionCandidates("write to ana.ruiz@example.com today").emails.map((e) => e.value)).toEqual(["ana.ruiz@example.com"]);
    expect(findMentionCandidates("call (415) 555-0134 after five").phones.map((p) => p.e164)).toEqual(["+14155550134"]);
  });

  it("[OPS]: values that cannot hold a mention give none: URLs, addresses of machines, times, codes", () => {
    for (const value of ["https://app.parlay.example/billing/invoices/48213", "198.51.100.77", "2026-03-04T10:22:33.000Z", "page_view", "San", "ACME"]) {
      expect(findMentionCandidates(value)).toEqual({ emails: [], phones: [], names: [] });
    }
  });
});

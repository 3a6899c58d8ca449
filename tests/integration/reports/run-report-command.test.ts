import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeSpoolLines } from "../../../server/collection/encode-spool-lines";
import { runReportCommand, type ReportCollect } from "../../../server/reports/run-report-command";
import { janeRecords, summaryFor, tempDir } from "./fixtures";
import { sealSpool } from "../../../server/collection/spool-cipher";

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const business = { name: "Parlay", contactEmail: "privacy@parlay.example", privacyPolicyUrl: "https://parlay.example/legal/privacy" };
const now = () => new Date("2026-03-02T17:00:00Z");

describe("rtk report", () => {
  it("[OPS]: collects into a private spool, writes both documents, prints no personal data, and removes the spool", async () => {
    let seen: Parameters<ReportCollect>[0] | undefined;
    const collect: ReportCollect = async (request) => {
      seen = request;
      const records = janeRecords(2);
      fs.writeFileSync(request.spoolPath, sealSpool([...encodeSpoolLines(records)].join(""), request.spoolKey));
      return summaryFor(records, { period: request.period });
    };
    const lines: string[] = [];
    const json = path.join(dir, "out.json");
    const pdf = path.join(dir, "out.pdf");
    const result = await runReportCommand(
      { email: "jane@example.com", since: "2022-01-01", lang: "es", json, pdf },
      { collect, business, publicUrl: "https://portal.parlay.example", now, print: (line) => lines.push(line) },
    );
    expect(seen).toMatchObject({ identifiers: { email: "jane@example.com" }, period: { kind: "since_2022", start: "2022-01-01", end: "2026-03-02" } });
    expect(fs.existsSync(path.dirname(seen!.spoolPath))).toBe(false);
    expect(result).toMatchObject({ contents: "categories_and_specific_pieces", complete: true, records: 10 });
    const document = JSON.parse(fs.readFileSync(json, "utf8")) as { request: { type: string; language: string; receiptDate: string; channel: string } };
    expect(document.request).toMatchObject({ type: "specific", language: "es", receiptDate: "2026-03-02", channel: "ops" });
    expect(fs.readFileSync(pdf).subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    expect(lines.join("\n")).toContain(result.jsonSha256);
    expect(lines.join("\n")).not.toContain("jane");
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("[OPS]: a failed source is rendered for review but flagged as not releasable (X22)", async () => {
    const lines: string[] = [];
    const collect: ReportCollect = async ({ period }) => ({ ...summaryFor([], { period }), complete: false });
    const result = await runReportCommand(
      { email: "jane@example.com", type: "categories", json: path.join(dir, "c.json"), pdf: path.join(dir, "c.pdf") },
      { collect, business, publicUrl: "https://portal.parlay.example", now, print: (line) => lines.push(line) },
    );
    expect(result).toMatchObject({ contents: "categories", complete: false });
    expect(lines.at(-1)).toBe("INCOMPLETE: a source failed; this disclosure must not be released.");
  });

  it("[OPS]: bad options are refused by name, without echoing the value", async () => {
    const collect: ReportCollect = async () => {
      throw new Error("must not collect");
    };
    const deps = { collect, business, publicUrl: "https://portal.parlay.example", now, print: () => {} };
    const refused = (options: Parameters<typeof runReportCommand>[0]) => runReportCommand(options, deps).then(() => null, (e: Error) => e.message);
    const badEmail = await refused({ email: "not-an-address@", json: "a.json", pdf: "a.pdf" });
    expect(badEmail).toMatch(/^--email does not end in a valid domain \(like example.com\)\nUsage: rtk report/);
    expect(badEmail).not.toContain("not-an-address");
    expect(await refused({ email: "jane@example.com", since: "2018-01-01" as never, json: "a.json", pdf: "a.pdf" })).toMatch(/^--since accepts only 2022-01-01/);
    expect(await refused({ email: "jane@example.com", json: "a.json" } as never)).toMatch(/^--pdf names the PDF file to write/);
    expect(await refused({ email: "jane@example.com", lang: "fr" as never, json: "a.json", pdf: "a.pdf" })).toMatch(/^--lang must be en or es/);
    expect(await refused({ email: "jane@example.com", received: "2026-02-30", json: "a.json", pdf: "a.pdf" })).toMatch(/^--received must be a date written YYYY-MM-DD/);
  });

  it("[OPS]: takes the identifiers and receipt day `rtk collect` takes, and a non-ASCII address (14.6, 14.8)", async () => {
    let seen: Parameters<ReportCollect>[0] | undefined;
    const collect: ReportCollect = async (request) => {
      seen = request;
      fs.writeFileSync(request.spoolPath, sealSpool("", request.spoolKey));
      return summaryFor([], { period: request.period });
    };
    await runReportCommand(
      { email: "Stanisław.Wójcik@WP.pl", phone: "+48 600 100 200", "customer-number": "C-1001", received: "2026-01-15", json: path.join(dir, "s.json"), pdf: path.join(dir, "s.pdf") },
      { collect, business, publicUrl: "https://portal.parlay.example", now, print: () => {} },
    );
    expect(seen?.identifiers).toEqual({ email: "stanisław.wójcik@wp.pl", phone: "+48 600 100 200", customer_number: "C-1001" });
    expect(seen?.period).toMatchObject({ kind: "12_months", start: "2025-01-15", end: "2026-01-15" });
  });
});

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import type { CollectionSummary } from "../../../server/collection/collection-types.shared";
import { renderDisclosure } from "../../../server/reports/render-disclosure";
import { testDialects } from "../../support/dialects";
import { byEmail, createDemoSource, RECEIVED_ON, type CollectionRun, type DemoSource } from "../collection/fixtures";
import { inputFor } from "./fixtures";
import { TEST_SPOOL_KEY } from "../../support/spool-key";

const jose = demoPerson("spanish_speaker");
const olivia = demoPerson("ordinary");

/** Codes the demo business stores that a person must never have to decode (issue 15 item 2; R23). */
const RAW_CODES = [
  "page_view", "screen_view", "ios_app", "android_app", "app_open", "push_opened", "message_sent", "sole_proprietorship",
  "amex", "mastercard", "past_due", "churned", "closed", "messenger", "unsubscribed", "delivered", "driver_license",
  "reports_exported", "inbox_replies", "bot_workflows_edited", "macros_used",
];

type Piece = { label: string; value?: unknown; text?: string; withheld?: string };

function pieces(json: any): Piece[] {
  return json.specificPieces.categories.flatMap((c: any) => c.datasets.flatMap((d: any) => d.records.flatMap((r: any) => r.pieces)));
}

async function render(run: CollectionRun, dir: string, name: string, language: "en" | "es"): Promise<{ json: any; text: string }> {
  const summary: CollectionSummary = run.summary;
  const input = inputFor(summary, { language });
  input.request.receiptDate = RECEIVED_ON;
  const json = path.join(dir, `${name}.json`);
  const pdf = path.join(dir, `${name}.pdf`);
  await renderDisclosure({ input, spoolPath: run.spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example/", json, pdf });
  return { json: JSON.parse(fs.readFileSync(json, "utf8")), text: execFileSync("pdftotext", ["-layout", pdf, "-"]).toString("utf8") };
}

describe.each(testDialects())("values a person can read, on $name", (dialect) => {
  let demo: DemoSource;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
  });
  afterAll(async () => {
    await demo?.cleanup();
  });

  it("[CONSUMER]: José's Spanish PDF shows labels, never a stored code; the JSON keeps each code beside its label", async () => {
    const run = await demo.collect(byEmail(jose), "since_2022");
    const { json, text } = await render(run, demo.dir, "jose-es", "es");
    for (const code of RAW_CODES) expect(text, code).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(text).not.toMatch(/\(centavos\)|1 = sí|\(0-1\)/);
    expect(text).toContain("Página vista");
    const all = pieces(json);
    expect(all).toContainEqual({ label: "Qué hizo", value: "page_view", text: "Página vista" });
    expect(all).toContainEqual({ label: "Asistió", value: 1, text: "Sí" });
    // An amount is kept in cents beside the amount a person reads.
    const amount = all.find((p) => p.label === "Importe")!;
    expect(typeof amount.value).toBe("number");
    expect(amount.text).toBe(new Intl.NumberFormat("es-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format((amount.value as number) / 100));
  });

  it("[CONSUMER]: instants in JSON pieces are UTC ISO 8601 with the zone; the PDF writes them out in the reader's language", async () => {
    const run = await demo.collect(byEmail(olivia), "since_2022");
    const { json, text } = await render(run, demo.dir, "olivia-en", "en");
    const times = pieces(json).filter((p) => typeof p.value === "string" && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:/.test(p.value));
    expect(times.length).toBeGreaterThan(100);
    for (const p of times) expect(p.value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    // "Profile created" as a reader sees it, e.g. "Mar 5, 2024, 4:12 PM UTC".
    expect(text).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M UTC/);
    expect(text).toContain("Page view");
    expect(text).not.toMatch(/\bpage_view\b/);
  });
});

describe.each(testDialects())("records kept from before the period, on $name", (dialect) => {
  let demo: DemoSource;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
  });
  afterAll(async () => {
    await demo?.cleanup();
  });

  it("[PERIOD]: Olivia's profile, created before the 12 months and still held, is included and said to be kept from earlier (R28)", async () => {
    const run = await demo.collect(byEmail(olivia), "12_months");
    const profile = run.records.find((r) => r.datasetId === "users")!;
    expect(profile.recordedAt! < "2025-11-01").toBe(true);
    expect(run.summary.earlierRecords).toBeGreaterThan(0);
    const { json, text } = await render(run, demo.dir, "olivia-12m", "en");
    expect(json.messages.find((m: { code: string }) => m.code === "earlier_records").text).toMatch(/^Information you gave us earlier that we still keep: /);
    expect(text).toContain("Kept from earlier");
    expect(text).toContain("Information you gave us earlier that we still keep");
    const es = await render(run, demo.dir, "olivia-12m-es", "es");
    expect(es.text).toContain("Conservado de antes");
  });
});

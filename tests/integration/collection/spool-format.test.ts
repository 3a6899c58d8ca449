import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import type { SpoolDataset } from "../../../server/collection/collection-types.shared";
import { openSpoolFile } from "../../../server/reports/open-spool-file";
import { planSpecificPieces } from "../../../server/reports/plan-specific-pieces";
import { renderDisclosure } from "../../../server/reports/render-disclosure";
import { inputFor } from "../reports/fixtures";
import { sourceDialects } from "../../support/dialects";
import { byEmail, createDemoSource, recordsOf, type DemoSource } from "./fixtures";

const olivia = demoPerson("ordinary");

// The spool describes each dataset once and then carries only values (ADR 015): its size and the
// cost of writing and re-reading it follow the data, not the data map's labels.
describe.each(sourceDialects())("the collection spool on $name", (dialect) => {
  let demo: DemoSource;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
  });
  afterAll(async () => {
    await demo?.cleanup();
  });

  it("[OPS]: names each dataset's fields once, before its records, which hold only values in field order", async () => {
    const run = await demo.collect(byEmail(olivia), "since_2022");
    const lines = run.spoolText.split("\n").filter(Boolean);
    const datasets = lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as SpoolDataset);
    const records = lines.filter((l) => l.startsWith("["));
    expect(datasets.length + records.length).toBe(lines.length);
    expect(records).toHaveLength(run.summary.recordCount);

    const events = datasets.find((d) => d.datasetId === "web_app_events")!;
    expect(recordsOf(run, "web_app_events").length).toBeGreaterThan(5);
    // "Browser or app version" is written once, however many visits there are.
    expect(run.spoolText.split('"Browser or app version"')).toHaveLength(2);
    const first = records.map((l) => JSON.parse(l) as [number, string, string | null, unknown[]]).find((r) => r[0] === events.ref)!;
    expect(first[3]).toHaveLength(events.fields.length);
    expect(lines.indexOf(JSON.stringify(events))).toBeLessThan(lines.findIndex((l) => l.startsWith(`[${events.ref},`)));
    // A never-disclose field is marked in the dataset line; its slot holds the type, never a value.
    const users = datasets.find((d) => d.datasetId === "users")!;
    expect(users.fields.filter((f) => f.neverDisclose).map((f) => f.fieldId)).toEqual(expect.arrayContaining(["users.password_hash"]));
  });

  it("[OPS]: ends with the pieces tally, which gives the documents the same plan and bytes as a scan of the records", async () => {
    const run = await demo.collect(byEmail(olivia), "since_2022");
    const lines = run.spoolText.split("\n").filter(Boolean);
    expect(lines.at(-1)).toMatch(/^\{"tally":/);
    const tallied = path.join(demo.dir, "tallied.ndjson");
    const scanned = path.join(demo.dir, "scanned.ndjson");
    fs.writeFileSync(tallied, run.spoolText);
    fs.writeFileSync(scanned, `${lines.slice(0, -1).join("\n")}\n`);
    const options = { language: "en" as const, sourceLabels: new Map(run.summary.sources.map((s) => [s.sourceId, s.label.en])) };
    const plan = await planSpecificPieces(openSpoolFile(tallied), options);
    expect(plan.records).toBe(run.summary.recordCount);
    expect(plan).toEqual(await planSpecificPieces(openSpoolFile(scanned), options));
    const input = inputFor(run.summary);
    const out = (name: string) => ({ json: path.join(demo.dir, `${name}.json`), pdf: path.join(demo.dir, `${name}.pdf`) });
    await renderDisclosure({ input, spoolPath: tallied, publicUrl: "https://portal.parlay.example/", ...out("tallied") });
    await renderDisclosure({ input, spoolPath: scanned, publicUrl: "https://portal.parlay.example/", ...out("scanned") });
    for (const kind of ["json", "pdf"] as const) expect(fs.readFileSync(out("tallied")[kind]).equals(fs.readFileSync(out("scanned")[kind]))).toBe(true);
  });
});

// Review desk page loads at 100k records (issue 17, item 1).
// Run: npm run bench -- review [people] [heavyRecords] [iterations]
// 1. a child seeds the demo business (SQLite) with the heavy person's +N web/app events;
// 2. a fresh child collects her spool and builds its review index (as collect_request does, ADR 043:
//    one scan, timed), then times, per kind of page, buildReviewPage as the ops route calls it
//    (index read, page read, mentions, audit row): the very first page a reviewer opens (cold, once),
//    the first, a middle and the last page of her largest dataset, a category filter, a free-text
//    search (one pass over the spool's text) and the mentions page; and the baseline: one plain scan
//    of the whole spool, decoding every record (what every review load cost before: the old preview
//    read it all). Prints p50/p95 per page, the ratio to the baseline and peak RSS.
// Target: page loads < 300 ms at 100k records. Nothing is asserted.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDb } from "../db/client";
import { demoPerson, HEAVY_PERSON_KEY } from "../db/demo-business/demo-people";
import { seedDemoBusiness } from "../db/demo-business/seed-demo-business";
import { collectPersonData } from "../server/collection/collect-person-data";
import { computePeriod } from "../server/collection/compute-period";
import { loadDatamap } from "../server/datamap/load-datamap";
import { createLogger } from "../server/lib/logger";
import { spoolPaths } from "../server/pipeline/spool-paths";
import { openSpoolFile } from "../server/reports/open-spool-file";
import { buildReviewIndex, REVIEW_PAGE_SIZE } from "../server/review/build-review-index";
import { reviewSpoolFiles } from "../server/review/read-spool-page";
import { buildReviewPage, type ReviewFilter } from "../server/review/build-review-page";
import { testDialects } from "../tests/support/dialects";
import { createMigratedContext, createTestContext, insertRequestRow } from "../tests/support/test-context";
import { getReportKey } from "../server/delivery/report-key";

const self = fileURLToPath(import.meta.url);
const MAP = path.resolve(path.dirname(self), "../server/datamap/demo/parlay.datamap.yaml");
const [mode, a, b, c] = process.argv.slice(2);

if (mode === "--seed") {
  const handle = openDb<any>(a!);
  await seedDemoBusiness(handle.db, { dialect: handle.dialect, people: Number(b), heavyPersonRecords: Number(c) });
  await handle.db.destroy();
} else if (mode === "--measure") {
  console.log(JSON.stringify(await measure(a!, b!, Number(c))));
} else {
  await orchestrate(Number(mode ?? 2000), Number(a ?? 100_000), Number(b ?? 15));
}

async function orchestrate(people: number, heavy: number, iterations: number): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-review-"));
  const url = `sqlite:${path.join(tmp, "demo.sqlite")}`;
  const child = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", self, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  try {
    console.log(`review desk: ${people.toLocaleString("en-US")} people, heavy person +${heavy.toLocaleString("en-US")} events, ${iterations} loads per page; loadavg ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
    if (child(["--seed", url, String(people), String(heavy)]).status !== 0) throw new Error("seeding failed");
    const measured = child(["--measure", url, tmp, String(iterations)]);
    if (measured.status !== 0) throw new Error("measuring failed");
    const r = JSON.parse(measured.stdout.trim().split("\n").pop()!) as Awaited<ReturnType<typeof measure>>;
    console.log(`  spool: ${r.records.toLocaleString("en-US")} records, ${(r.spoolBytes / 1e6).toFixed(0)} MB; largest dataset ${r.dataset} (${r.datasetRecords.toLocaleString("en-US")} records, ${r.pageCount} pages of ${REVIEW_PAGE_SIZE})`);
    console.log(`  baseline (one plain scan of the whole spool): p50 ${r.baseline.p50.toFixed(0)} ms`);
    console.log(`  index build (once per spool, by the collection job: 1 scan + customer-list lookups): ${r.indexMs.toFixed(0)} ms`);
    console.log(`  first page a reviewer opens (cold, once): ${r.firstOpenMs.toFixed(1)} ms`);
    for (const [name, s] of Object.entries(r.pages)) {
      console.log(`  ${name.padEnd(22)} p50 ${s.p50.toFixed(1).padStart(7)} ms  p95 ${s.p95.toFixed(1).padStart(7)} ms  (${(s.p50 / r.baseline.p50).toFixed(2)}x baseline)${s.p95 < 300 ? "" : "  over the 300 ms target"}`);
    }
    console.log(`  peak RSS ${(r.maxRssKb / 1024).toFixed(0)} MB (measuring child); loadavg ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function measure(sourceUrl: string, tmp: string, iterations: number) {
  // The demo's file store (ADR 027): empty here; a missing file is reported, not a failed source.
  const env = { DEMO_SOURCE_URL: sourceUrl, DEMO_FILES_DIR: path.join(tmp, "demo-files") };
  fs.mkdirSync(env.DEMO_FILES_DIR, { recursive: true });
  const logger = createLogger("silent");
  const person = demoPerson(HEAVY_PERSON_KEY);
  const sqlite = testDialects().find((d) => d.name === "sqlite")!;
  const { t } = await createMigratedContext(sqlite);
  const ctx = createTestContext(t, { DATA_DIR: tmp, DEMO_SOURCE_URL: sourceUrl });
  const requestId = await insertRequestRow(t.db, { subject_email: person.email, subject_name: person.fullName, subject_phone: person.phone, state: "in_review" });
  const files = spoolPaths(ctx.env, requestId);
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  const datamap = await loadDatamap({ file: MAP }, env);
  const summary = await collectPersonData({ datamap, identifiers: { email: person.email }, period: computePeriod({ receivedOn: "2026-11-01", kind: "since_2022" }), spoolPath: files.spool, spoolKey: getReportKey(ctx.env), env, logger });
  fs.writeFileSync(files.summary, JSON.stringify(summary));

  const requester = { emails: [person.email], phones: person.phone ? [person.phone] : [], names: [person.fullName] };
  const load = (filter: Partial<ReviewFilter>) =>
    buildReviewPage(ctx, { requestId, staffId: "b".repeat(26), withholdings: [], requester, filter: { category: null, dataset: null, q: "", page: 0, mentionsPage: 0, ...filter } });
  const timed = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((x, y) => x - y);
    return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! };
  };

  const baselines: number[] = [];
  for (let i = 0; i < 3; i++) baselines.push(await timed(async () => {
    for await (const scanned of openSpoolFile(files.spool, getReportKey(ctx.env)).scan()) void scanned;
  }));
  const indexMs = await timed(() => buildReviewIndex(ctx, { files: reviewSpoolFiles(ctx.env, requestId), requester }));
  const opened = performance.now();
  const first = await load({});
  const firstOpenMs = performance.now() - opened;
  if (!first.available) throw new Error("no review page");
  const largest = [...first.datasets].sort((x, y) => y.records - x.records)[0]!;
  const pages = Math.ceil(largest.records / REVIEW_PAGE_SIZE);
  const category = largest.categories[0]!;
  const kinds: Record<string, Partial<ReviewFilter>> = {
    "first page": { dataset: largest.key, page: 0 },
    "middle page": { dataset: largest.key, page: Math.floor(pages / 2) },
    "last page": { dataset: largest.key, page: pages - 1 },
    "category filter": { category, page: 1 },
    "free-text search": { q: "billing" },
    "search, one dataset": { q: "billing", dataset: largest.key, category },
    "mentions, page 2": { mentionsPage: 1 },
  };
  const results: Record<string, { p50: number; p95: number }> = {};
  for (const [name, filter] of Object.entries(kinds)) {
    const runs: number[] = [];
    for (let i = 0; i < iterations; i++) runs.push(await timed(() => load(filter)));
    results[name] = stats(runs);
  }
  await t.cleanup();
  return {
    records: summary.recordCount,
    spoolBytes: fs.statSync(files.spool).size,
    dataset: largest.label,
    datasetRecords: largest.records,
    pageCount: pages,
    baseline: stats(baselines),
    indexMs,
    firstOpenMs,
    pages: results,
    maxRssKb: process.resourceUsage().maxRSS,
  } as const;
}

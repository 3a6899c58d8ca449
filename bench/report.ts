// Disclosure rendering throughput and memory for a heavy person: 100,000 spool records.
// Run: npm run bench -- report [heavyRecords] [--sizes 10k,100k,1m] [--fixture] [--only json,pdf,pdf-full]
//   or node --import tsx bench/report.ts ...   (--sizes runs each size in turn; sizes above 100,000
//   always use the synthetic spool: a 1M-record person needs no demo database)
// 1. seeds a demo source with the heavy person (+N events), times the streaming-SELECT floor and
//    collectPersonData (bench/collect.ts), keeping that spool; with --fixture instead writes a
//    deterministic synthetic spool (5 datasets, withheld types, long messages, X23 strings);
// 2. in fresh child processes, so one phase's memory never shows in another's peak:
//    json = plan + JSON, pdf = plan + tagged PDF with the default listing policy (PDF_LISTING_LIMIT
//    1,000, ADR 032), pdf-full = the same listing every record, both = renderDisclosure (JSON then PDF), worker =
//    renderDisclosureInChild, the render_disclosure job's own path (its render child's peak RSS);
//    --only names the render phases to run (--only json: the JSON against the floor, a fraction of
//    the CPU of the whole bench on a shared machine);
// 3. prints time, records/s, the ratio to the floor and the peak RSS (getrusage maxRSS).
// Targets (issues 4, 15): JSON <= 3x floor, PDF >= 5,000 records/s, peak RSS < 256 MB in every phase at
// any size (1M included, full listing too), default PDF <= 300 pages in < 10 s CPU. Nothing is asserted.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import type { CategoryCode, LocalizedText, NeverDiscloseType } from "../server/categories/ccpa-categories.shared";
import { NEVER_DISCLOSE_LABELS } from "../server/categories/ccpa-categories.shared";
import type { CollectionSummary, ExpandedSpoolRecord, SpoolField } from "../server/collection/collection-types.shared";
import { encodeSpoolLines } from "../server/collection/encode-spool-lines";
import { buildDisclosureModel } from "../server/reports/build-disclosure-model";
import type { DisclosureInput } from "../server/reports/disclosure-input";
import { openSpoolFile } from "../server/reports/open-spool-file";
import { planSpecificPieces } from "../server/reports/plan-specific-pieces";
import { renderDisclosureInChild } from "../server/pipeline/render-disclosure-in-child";
import { renderDisclosure } from "../server/reports/render-disclosure";
import { renderDisclosureJson } from "../server/reports/render-disclosure-json";
import { renderDisclosurePdf } from "../server/reports/render-disclosure-pdf";
import { openSpoolWriter } from "../server/collection/open-spool-writer";
import { TEST_SPOOL_KEY } from "../tests/support/spool-key";

const self = fileURLToPath(import.meta.url);
/**
 * The render phases run as the worker should run the renderer: with an old-space limit. Its live
 * set is 40-80 MB; without a limit V8 lets the heap grow to ~160 MB of slack before collecting,
 * which alone takes peak RSS past 256 MB. RENDER_HEAP_MB=0 measures without the limit.
 */
const RENDER_HEAP_MB = Number(process.env.RENDER_HEAP_MB ?? 128);
const RENDER_NODE_FLAGS = RENDER_HEAP_MB > 0 ? [`--max-old-space-size=${RENDER_HEAP_MB}`] : [];
const t = (en: string, es: string): LocalizedText => ({ en, es });
const WORDS = "account invoice please help team message settings export billing plan upgrade inbox reply thanks issue login mobile email notification report".split(" ");

/** Deterministic: the same records every run (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function field(id: string, label: LocalizedText, categories: CategoryCode[], value: SpoolField["value"], withheld?: NeverDiscloseType): SpoolField {
  return { fieldId: id, label, categories, sensitive: categories.includes("L"), value, ...(withheld ? { withheld: { type: withheld } } : {}) };
}

/** The heavy person: a profile, orders, support messages, precise locations and page views. */
export function* heavyRecords(total: number): Generator<ExpandedSpoolRecord> {
  const rnd = random(42);
  const at = (i: number) => new Date(Date.UTC(2025, 3, 1) + i * 270_000).toISOString();
  const orders = Math.round(total * 0.02);
  const messages = Math.round(total * 0.03);
  const places = Math.round(total * 0.05);
  yield { sourceId: "app", datasetId: "users", datasetLabel: t("Account profile", "Perfil de la cuenta"), recordKey: "u1", recordedAt: at(0), fields: [
    field("users.name", t("Name", "Nombre"), ["A", "B"], "Jane Q. Consumer"),
    field("users.email", t("Email address", "Correo electrónico"), ["A"], "jane@example.com"),
    field("users.job", t("Job title", "Cargo"), ["I"], "Head of Support"),
    field("users.ssn", t("Social Security number", "Número de Seguro Social"), ["A", "B", "L"], null, "ssn"),
    field("users.password", t("Password", "Contraseña"), ["A", "L"], null, "password"),
  ] };
  for (let i = 1; i <= orders; i++) yield { sourceId: "billing", datasetId: "orders", datasetLabel: t("Orders", "Pedidos"), recordKey: `o${i}`, recordedAt: at(i), fields: [
    field("orders.number", t("Order number", "Número de pedido"), ["D"], `PO-${100000 + i}`),
    field("orders.product", t("Product", "Producto"), ["D"], rnd() < 0.5 ? "Parlay Pro, monthly" : "Extra seats (5)"),
    field("orders.amount", t("Amount (USD)", "Importe (USD)"), ["D"], Math.round(rnd() * 50000) / 100),
    field("orders.shipping", t("Billing address", "Dirección de facturación"), ["A", "B"], `${1 + (i % 900)} Market St, San Francisco, CA 94105`),
    field("orders.card", t("Card number", "Número de tarjeta"), ["B", "L"], null, "card_number"),
  ] };
  for (let i = 1; i <= messages; i++) {
    const words = Array.from({ length: 12 + Math.floor(rnd() * 50) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ");
    const body = i % 50 === 0 ? `=HYPERLINK("http://evil.example") ${words}` : i % 37 === 0 ? `¿Cómo cancelo mi suscripción? ${words}` : words;
    yield { sourceId: "app", datasetId: "conversations", datasetLabel: t("Support conversations", "Conversaciones de soporte"), recordKey: `c${i}`, recordedAt: at(i), fields: [
      field("conversations.subject", t("Subject", "Asunto"), ["H"], `Ticket ${i}: ${WORDS[i % WORDS.length]}`),
      field("conversations.body", t("Message", "Mensaje"), ["H"], body),
    ] };
  }
  for (let i = 1; i <= places; i++) yield { sourceId: "app", datasetId: "locations", datasetLabel: t("Location history", "Historial de ubicaciones"), recordKey: `l${i}`, recordedAt: i % 500 === 0 ? null : at(i), fields: [
    field("locations.city", t("Approximate area", "Zona aproximada"), ["G"], "San Francisco, CA"),
    field("locations.precise", t("Precise location", "Ubicación precisa"), ["G", "L"], `${(37.7 + rnd() / 10).toFixed(5)}, ${(-122.5 + rnd() / 10).toFixed(5)}`),
  ] };
  for (let i = 1; i <= total - 1 - orders - messages - places; i++) yield { sourceId: "app", datasetId: "events", datasetLabel: t("Product activity", "Actividad en el producto"), recordKey: `e${i}`, recordedAt: at(i), fields: [
    field("events.page", t("Page visited", "Página visitada"), ["F"], `https://app.parlay.example/inbox/${Math.floor(rnd() * 1e6)}?view=${WORDS[i % WORDS.length]}`),
    field("events.device", t("Device", "Dispositivo"), ["F"], rnd() < 0.6 ? "Chrome 131 on macOS" : "Parlay for iPhone 4.2"),
    field("events.ip", t("IP address", "Dirección IP"), ["A"], `198.51.100.${Math.floor(rnd() * 255)}`),
  ] };
}

/** Streams the fixture to `file` and returns the collection summary a collector would have made. */
export async function writeHeavySpool(file: string, total: number): Promise<CollectionSummary> {
  // Encrypted as collection writes it (ADR 035), so the renderers pay for decryption as in production.
  const out = await openSpoolWriter(file, TEST_SPOOL_KEY);
  const found = new Set<CategoryCode>();
  const withheld = new Map<NeverDiscloseType, number>();
  const perSource = new Map<string, number>();
  let undated = 0;
  function* tallied(): Generator<ExpandedSpoolRecord> {
    for (const r of heavyRecords(total)) {
      for (const f of r.fields) {
        for (const c of f.categories) found.add(c);
        if (f.withheld) withheld.set(f.withheld.type, (withheld.get(f.withheld.type) ?? 0) + 1);
      }
      perSource.set(r.sourceId, (perSource.get(r.sourceId) ?? 0) + 1);
      if (r.recordedAt === null) undated += 1;
      yield r;
    }
  }
  for (const line of encodeSpoolLines(tallied())) await out.write(line);
  await out.close();
  const labels: Record<string, LocalizedText> = { app: t("Parlay app", "Aplicación Parlay"), billing: t("Billing system", "Sistema de facturación") };
  return {
    period: { kind: "12_months", start: "2025-03-02", end: "2026-03-02" },
    sources: [...perSource].map(([sourceId, records]) => ({ sourceId, label: labels[sourceId]!, status: "ok" as const, records, durationMs: 0 })),
    complete: true,
    recordCount: total,
    undatedRecords: undated,
    categories: (["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"] as const).map((category) => ({
      category,
      collected: found.has(category),
      sources: [t("Directly from you", "Directamente de usted"), t("From your devices", "De sus dispositivos")],
      purposes: [t("Providing and securing the service", "Prestar y proteger el servicio")],
      disclosedTo: [t("Cloud hosting provider (service provider)", "Proveedor de alojamiento en la nube (proveedor de servicios)")],
      soldTo: [],
      sharedWith: category === "F" ? [t("Advertising networks (third party)", "Redes publicitarias (terceros)")] : [],
    })),
    withheld: [...withheld].map(([type, count]) => ({ type, label: NEVER_DISCLOSE_LABELS[type], count })),
    excludedDatasets: [],
  };
}

function inputFor(summary: CollectionSummary): DisclosureInput {
  return {
    request: { id: "benchbenchbenchbenchbench0", type: "specific", receivedAt: "2026-03-02T17:00:00.000Z", receiptDate: "2026-03-02", dueDate: "2026-04-15", completedAt: "2026-03-20T16:05:00.000Z", period: summary.period, channel: "web", submittedBy: "consumer", language: "en" },
    business: { name: "Parlay", contactEmail: "privacy@parlay.example", privacyPolicyUrl: "https://parlay.example/legal/privacy" },
    verificationLevel: "reasonably_high",
    summary,
  };
}

interface PhaseResult {
  phase: string;
  ms: number;
  /** CPU time of the measuring process (NaN, null once through JSON, when the work ran in another one). */
  cpuMs: number;
  maxRssMb: number;
  detail: string;
}

/** One phase, in this (child) process. */
async function measurePhase(phase: string, dir: string): Promise<PhaseResult> {
  const spool = path.join(dir, "heavy.ndjson");
  const input = inputFor(JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8")) as CollectionSummary);
  const schemaUrl = "https://portal.parlay.example/schemas/disclosure-v1.json";
  const started = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = () => {
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  let detail = "";
  if (phase === "worker") {
    // The worker's own path (render-request-disclosure.ts): a child process with its heap capped;
    // the peak RSS is that child's, whatever this process's flags.
    const r = await renderDisclosureInChild({ input, spoolPath: spool, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example", json: path.join(dir, "worker.json"), pdf: path.join(dir, "worker.pdf") });
    return { phase, ms: performance.now() - started, cpuMs: Number.NaN, maxRssMb: r.peakRssKb / 1024, detail: `${r.pdfPages} pages, JSON ${(r.jsonBytes / 1e6).toFixed(1)} MB, render child's peak` };
  }
  if (phase === "both") {
    const r = await renderDisclosure({ input, spoolPath: spool, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example", json: path.join(dir, "both.json"), pdf: path.join(dir, "both.pdf") });
    detail = `${r.pdfPages} pages, JSON ${(r.jsonBytes / 1e6).toFixed(1)} MB`;
  } else {
    const source = openSpoolFile(spool, TEST_SPOOL_KEY);
    const sourceLabels = new Map(input.summary.sources.map((s) => [s.sourceId, s.label.en]));
    const plan = await planSpecificPieces(source, { language: "en", sourceLabels });
    const model = buildDisclosureModel(input, new Set(plan.categories.map((c) => c.code)));
    const out = fs.createWriteStream(path.join(dir, `${phase}.out`));
    if (phase === "json") {
      // As renderDisclosure writes it: the generator runs ahead while the disk writes.
      await pipeline(Readable.from(renderDisclosureJson(model, { schemaUrl, pieces: { plan, source, scratchDir: dir } })), out);
    } else {
      const listing = phase === "pdf-full" ? "full" : undefined;
      const { pages } = await renderDisclosurePdf(model, { output: out, jsonSha256: "0".repeat(64), schemaUrl, pieces: { plan, source }, listing });
      detail = `${pages} pages`;
    }
    detail = `${detail}${detail ? ", " : ""}${(fs.statSync(path.join(dir, `${phase}.out`)).size / 1e6).toFixed(1)} MB`;
  }
  return { phase, ms: performance.now() - started, cpuMs: cpuMs(), maxRssMb: process.resourceUsage().maxRSS / 1024, detail };
}

/**
 * The heavy demo person collected for real (bench/collect.ts in child processes): a demo source
 * with 1,200 people and `heavy` extra events for the heavy person, the streaming-SELECT floor and
 * collectPersonData, leaving the spool and its summary in `dir` for the render phases.
 */
function measureCollectionAndFloor(dir: string, heavy: number): { results: PhaseResult[]; records: number } {
  const collectBench = path.join(path.dirname(self), "collect.ts");
  const url = `sqlite:${path.join(dir, "demo.sqlite")}`;
  const child = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", collectBench, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (child(["--seed", url, "1200", String(heavy)]).status !== 0) throw new Error("seeding the demo source failed");
  // The demo map, named as bench/collect.ts's own runs name it (its compiled copy cannot find it).
  const measured = child(["--measure", url, dir, path.join(path.dirname(self), "../server/datamap/demo/parlay.datamap.yaml")]);
  if (measured.status !== 0) throw new Error("measuring the collection failed");
  const r = JSON.parse(measured.stdout.trim().split("\n").pop()!) as { floorMs: number; collectMs: number; floorCpuMs: number; collectCpuMs: number; floorRows: number; records: number; maxRssKb: number };
  fs.copyFileSync(path.join(dir, "heavy.ndjson.summary.json"), path.join(dir, "summary.json"));
  return {
    records: r.records,
    results: [
      { phase: "floor", ms: r.floorMs, cpuMs: r.floorCpuMs, maxRssMb: r.maxRssKb / 1024, detail: `streaming SELECT of ${r.floorRows.toLocaleString("en-US")} rows` },
      { phase: "collect", ms: r.collectMs, cpuMs: r.collectCpuMs, maxRssMb: r.maxRssKb / 1024, detail: "graph + categorize + spool" },
    ],
  };
}

const RENDER_PHASES = ["json", "pdf", "pdf-full", "both", "worker"];
/** Above this many records the synthetic spool is used: seeding a demo database that big is not the point. */
const COLLECTED_UP_TO = 100_000;

export async function run(heavy = /^\d+$/.test(process.argv[2] ?? "") ? Number(process.argv[2]) : 100_000, fixture = process.argv.includes("--fixture"), only = optionValue("--only")): Promise<void> {
  const sizes = optionValue("--sizes")?.split(",").map(parseSize) ?? [heavy];
  for (const size of sizes) {
    console.log(`\n== ${size.toLocaleString("en-US")} records; load average ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
    await runSize(size, fixture || size > COLLECTED_UP_TO, only);
  }
}

/** "10k", "1m", "250000". */
function parseSize(text: string): number {
  const m = /^(\d+)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`--sizes takes numbers like 10k,100k,1m (got ${text})`);
  return Number(m[1]) * (m[2]?.toLowerCase() === "k" ? 1_000 : m[2]?.toLowerCase() === "m" ? 1_000_000 : 1);
}

async function runSize(heavy: number, fixture: boolean, only: string | undefined): Promise<void> {
  const phases = only ? RENDER_PHASES.filter((p) => only.split(",").includes(p)) : RENDER_PHASES;
  if (phases.length === 0) throw new Error(`--only takes some of ${RENDER_PHASES.join(",")}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-report-"));
  try {
    const started = performance.now();
    let results: PhaseResult[] = [];
    let total = heavy;
    if (fixture) {
      // --fixture: a synthetic spool, to measure the renderers without a database.
      const summary = await writeHeavySpool(path.join(dir, "heavy.ndjson"), heavy);
      fs.writeFileSync(path.join(dir, "summary.json"), JSON.stringify(summary));
    } else {
      ({ results, records: total } = measureCollectionAndFloor(dir, heavy));
    }
    const size = fs.statSync(path.join(dir, "heavy.ndjson")).size / 1e6;
    console.log(`spool: ${total.toLocaleString("en-US")} records, ${size.toFixed(1)} MB, ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const phase of phases) {
      const flags = phase === "worker" ? [] : RENDER_NODE_FLAGS;
      const child = spawnSync(process.execPath, [...flags, "--import", "tsx", self, "--phase", phase, dir], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      if (child.status !== 0) throw new Error(`bench phase ${phase} failed`);
      results.push(JSON.parse(child.stdout.trim().split("\n").pop()!) as PhaseResult);
    }
    const floor = results.find((r) => r.phase === "floor");
    for (const r of results) {
      const rate = Math.round(total / (r.ms / 1000)).toLocaleString("en-US");
      const ratio = floor ? `  ${(r.ms / floor.ms).toFixed(2).padStart(6)}x floor` : "";
      // CPU time is steadier than wall time when other work shares the machine.
      const cpu = !(r.cpuMs > 0) ? "" : `  cpu ${(r.cpuMs / 1000).toFixed(2)} s (${Math.round(total / (r.cpuMs / 1000)).toLocaleString("en-US")} records/s${floor ? `, ${(r.cpuMs / floor.cpuMs).toFixed(2)}x floor` : ""})`;
      console.log(`  ${r.phase.padEnd(7)} ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${rate.padStart(8)} records/s${ratio}  peak RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB  (${r.detail})${cpu}`);
    }
    console.log(`json, pdf, both: node ${RENDER_NODE_FLAGS.join(" ") || "(no heap limit)"}; worker: renderDisclosureInChild as the render_disclosure job runs it`);
    console.log("targets: json <= 3x floor, pdf >= 5,000 records/s, peak RSS < 256 MB for every phase; default pdf <= 300 pages, < 10 s CPU");
    console.log(`load average after: ${fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function optionValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (process.argv[2] === "--phase") {
  console.log(JSON.stringify(await measurePhase(process.argv[3]!, process.argv[4]!)));
} else if (entry === self || entry.endsWith(path.join("bench", "index.ts"))) {
  await run();
}

export default run;

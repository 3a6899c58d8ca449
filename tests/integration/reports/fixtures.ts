import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { NEVER_DISCLOSE_LABELS, type CategoryCode, type LocalizedText, type NeverDiscloseType } from "../../../server/categories/ccpa-categories.shared";
import type { CategoryFacts, CollectionSummary, ExpandedSpoolRecord, SpoolDataset, SpoolField, SpoolRecordLine } from "../../../server/collection/collection-types.shared";
import { encodeSpoolLines } from "../../../server/collection/encode-spool-lines";
import { tallySpoolPieces } from "../../../server/collection/tally-spool-pieces";
import type { DisclosureInput } from "../../../server/reports/disclosure-input";
import { renderDisclosure } from "../../../server/reports/render-disclosure";
import { TEST_SPOOL_KEY, writeSealedSpool } from "../../support/spool-key";

// Fixture people for the disclosure documents, built against the collection contract
// (server/collection/collection-types.shared.ts) and written as real spools (encodeSpoolLines).

/** A fake SSN planted in a withheld field's value: it must never reach a document. */
export const FAKE_SSN = "123-45-6789";
export const X23_VALUES = ['<script>alert("x")</script>', '=HYPERLINK("http://evil.example","click")', "+1 cmd|' /C calc'!A0", "@SUM(1+1)"];
export const SPANISH_VALUE = "¿Cómo está? Niño, café, acción, pingüino";

const t = (en: string, es: string): LocalizedText => ({ en, es });

export function field(fieldId: string, label: LocalizedText, categories: CategoryCode[], value: SpoolField["value"], withheld?: NeverDiscloseType): SpoolField {
  return { fieldId, label, categories, sensitive: categories.includes("L"), value, ...(withheld ? { withheld: { type: withheld } } : {}) };
}

export function record(sourceId: string, datasetId: string, datasetLabel: LocalizedText, recordKey: string, recordedAt: string | null, fields: SpoolField[]): ExpandedSpoolRecord {
  return { sourceId, datasetId, datasetLabel, recordKey, recordedAt, fields };
}

const PROFILE = t("Account profile", "Perfil de la cuenta");
const CONVERSATIONS = t("Support conversations", "Conversaciones de soporte");
const ACTIVITY = t("Product activity", "Actividad en el producto");
const ORDERS = t("Orders", "Pedidos");
const LOCATIONS = t("Location history", "Historial de ubicaciones");

export function activityRecord(i: number): ExpandedSpoolRecord {
  return record("app", "events", ACTIVITY, `ev-${i}`, new Date(Date.UTC(2025, 5, 1) + i * 3_600_000).toISOString(), [
    field("events.page", t("Page visited", "Página visitada"), ["F"], `https://parlay.example/app/inbox/${(i * 7919) % 100_000}`),
    field("events.device", t("Device", "Dispositivo"), ["F"], "Firefox 128 on Linux"),
    field("events.ip", t("IP address", "Dirección IP"), ["A"], `203.0.113.${i % 250}`),
  ]);
}

/** Jane: every kind of value the documents must handle, including withheld types and X23 strings. */
export function janeRecords(activity = 5): ExpandedSpoolRecord[] {
  return [
    record("app", "users", PROFILE, "u-1", "2025-06-01T09:30:00.000Z", [
      field("users.full_name", t("Name", "Nombre"), ["A", "B"], "Jane Q. Consumer"),
      field("users.email", t("Email address", "Correo electrónico"), ["A"], "jane@example.com"),
      field("users.phone", t("Phone number", "Número de teléfono"), ["A", "B"], "+1 415 555 0100"),
      field("users.address", t("Postal address", "Dirección postal"), ["A", "B"], "1 Main St\nSan Francisco, CA 94105"),
      field("users.birth_date", t("Date of birth", "Fecha de nacimiento"), ["C"], "1990-04-01"),
      field("users.ssn", t("Social Security number", "Número de Seguro Social"), ["A", "B", "L"], FAKE_SSN, "ssn"),
      field("users.password", t("Password", "Contraseña"), ["A", "L"], null, "password"),
    ]),
    ...X23_VALUES.map((value, i) =>
      record("app", "conversations", CONVERSATIONS, `c-${i}`, `2025-07-0${i + 1}T12:00:00.000Z`, [
        field("conversations.subject", t("Subject", "Asunto"), ["H"], i === 0 ? SPANISH_VALUE : `Question ${i + 1}`),
        field("conversations.body", t("Message", "Mensaje"), ["H"], value),
      ]),
    ),
    ...Array.from({ length: activity }, (_, i) => activityRecord(i)),
    ...[1, 2].map((i) =>
      record("billing", "orders", ORDERS, `o-${i}`, `2025-08-1${i}T18:45:00.000Z`, [
        field("orders.number", t("Order number", "Número de pedido"), ["D"], `PO-${1000 + i}`),
        field("orders.product", t("Product", "Producto"), ["D"], i === 1 ? "Parlay Pro, annual plan" : "Extra seats (5)"),
        field("orders.amount", t("Amount (USD)", "Importe (USD)"), ["D"], i === 1 ? 499.5 : 120),
        field("orders.gift", t("Bought as a gift", "Comprado como regalo"), ["D"], i === 2),
        field("orders.card", t("Card number", "Número de tarjeta"), ["B", "L"], null, "card_number"),
      ]),
    ),
    record("app", "locations", LOCATIONS, "l-1", null, [field("locations.precise", t("Precise location", "Ubicación precisa"), ["G", "L"], "37.7749, -122.4194")]),
  ];
}

const FACTS: Partial<Record<CategoryCode, Omit<CategoryFacts, "category" | "collected">>> = {
  A: { sources: [t("Directly from you", "Directamente de usted"), t("From your devices", "De sus dispositivos")], purposes: [t("Providing and securing the service", "Prestar y proteger el servicio")], disclosedTo: [t("Cloud hosting provider (service provider)", "Proveedor de alojamiento en la nube (proveedor de servicios)")], soldTo: [], sharedWith: [] },
  F: { sources: [t("From your devices", "De sus dispositivos")], purposes: [t("Analytics", "Análisis")], disclosedTo: [t("Analytics provider (service provider)", "Proveedor de análisis (proveedor de servicios)")], soldTo: [], sharedWith: [t("Advertising networks (third party)", "Redes publicitarias (terceros)")] },
};

export function summaryFor(records: ExpandedSpoolRecord[], overrides: Partial<CollectionSummary> = {}): CollectionSummary {
  const found = new Set(records.flatMap((r) => r.fields.flatMap((f) => f.categories)));
  const withheld = new Map<NeverDiscloseType, number>();
  for (const r of records) for (const f of r.fields) if (f.withheld) withheld.set(f.withheld.type, (withheld.get(f.withheld.type) ?? 0) + 1);
  const generic = { sources: [t("Directly from you", "Directamente de usted")], purposes: [t("Providing the service", "Prestar el servicio")], disclosedTo: [], soldTo: [], sharedWith: [] };
  const labels: Record<string, LocalizedText> = { app: t("Parlay app", "Aplicación Parlay"), billing: t("Billing system", "Sistema de facturación") };
  return {
    period: { kind: "12_months", start: "2025-03-02", end: "2026-03-02" },
    sources: Object.entries(labels).map(([sourceId, label]) => ({ sourceId, label, status: "ok" as const, records: records.filter((r) => r.sourceId === sourceId).length, durationMs: 12 })),
    complete: true,
    recordCount: records.length,
    undatedRecords: records.filter((r) => r.recordedAt === null).length,
    categories: (["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L"] as const).map((category) => ({ category, collected: found.has(category), ...(FACTS[category] ?? generic) })),
    withheld: [...withheld].map(([type, count]) => ({ type, label: NEVER_DISCLOSE_LABELS[type], count })),
    excludedDatasets: [],
    ...overrides,
  };
}

export function inputFor(summary: CollectionSummary, overrides: { type?: "categories" | "specific"; language?: "en" | "es"; downgraded?: boolean; agent?: boolean } = {}): DisclosureInput {
  const type = overrides.type ?? "specific";
  return {
    request: {
      id: "9m4e2k7q0c1v8r3t5x6z7b8n9d",
      type,
      receivedAt: "2026-03-02T17:00:00.000Z",
      receiptDate: "2026-03-02",
      dueDate: "2026-04-15",
      completedAt: "2026-03-20T16:05:00.000Z",
      period: summary.period,
      channel: "web",
      submittedBy: overrides.agent ? "agent" : "consumer",
      language: overrides.language ?? "en",
    },
    business: { name: "Parlay", legalName: "Parlay Labs, Inc.", contactEmail: "privacy@parlay.example", privacyPolicyUrl: "https://parlay.example/legal/privacy#california" },
    verificationLevel: type === "specific" && !overrides.downgraded ? "reasonably_high" : "reasonable",
    downgraded: overrides.downgraded ?? false,
    summary,
  };
}

export function tempDir(prefix = "rtk-report-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeSpool(dir: string, records: ExpandedSpoolRecord[], name = "spool.ndjson"): string {
  const file = path.join(dir, name);
  writeSealedSpool(file, [...encodeSpoolLines(records)].join(""));
  return file;
}

/**
 * As writeSpool, with the tally line collection ends a spool with (tally-spool-pieces.ts), counted
 * from the lines as written: the renderers then plan from it instead of scanning.
 */
export function writeSpoolWithTally(dir: string, records: ExpandedSpoolRecord[], name = "spool.ndjson"): string {
  const tally = tallySpoolPieces();
  const datasets = new Map<number, SpoolDataset>();
  const lines: { start: number; end: number }[] = [];
  let at = 0;
  let text = "";
  for (const line of encodeSpoolLines(records)) {
    const end = at + Buffer.byteLength(line);
    const value = JSON.parse(line) as SpoolDataset | SpoolRecordLine;
    if (Array.isArray(value)) tally.record(datasets.get(value[0])!, value[3], at, end);
    else {
      datasets.set(value.ref, value);
      lines.push({ start: at, end });
    }
    text += line;
    at = end;
  }
  const file = path.join(dir, name);
  writeSealedSpool(file, `${text}${JSON.stringify({ tally: tally.result(lines) })}\n`);
  return file;
}

export interface RenderedFixture {
  json: string;
  pdf: string;
  jsonText: string;
  result: Awaited<ReturnType<typeof renderDisclosure>>;
}

/** Writes the spool and renders both documents into `dir` under `name`. */
export async function renderFixture(dir: string, name: string, records: ExpandedSpoolRecord[], input: DisclosureInput, options: { pdfListing?: number | "full" } = {}): Promise<RenderedFixture> {
  const spoolPath = writeSpool(dir, records, `${name}.ndjson`);
  const json = path.join(dir, `${name}.json`);
  const pdf = path.join(dir, `${name}.pdf`);
  const result = await renderDisclosure({ input, spoolPath, spoolKey: TEST_SPOOL_KEY, publicUrl: "https://portal.parlay.example/", json, pdf, pdfListing: options.pdfListing });
  return { json, pdf, jsonText: fs.readFileSync(json, "utf8"), result };
}

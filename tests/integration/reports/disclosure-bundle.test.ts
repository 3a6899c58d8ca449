import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import { collectPersonData } from "../../../server/collection/collect-person-data";
import { parseStoredFileRef } from "../../../server/collection/stored-file-ref.shared";
import { fileStoreConfigs } from "../../../server/connectors/files/file-store-config";
import type { LoadedDatamap } from "../../../server/datamap/load-datamap";
import { openReport } from "../../../server/delivery/open-report";
import { storeReport } from "../../../server/delivery/store-report";
import { runReportCommand } from "../../../server/reports/run-report-command";
import { testDialects } from "../../support/dialects";
import { readZip } from "../../support/read-zip";
import { byEmail, captureLogger, createDemoSource, demoMapObject, loadMapObject, recordsOf, valueOf, type DemoSource } from "../collection/fixtures";
import { collect as collectStream, createHarness, inDays, insertRequest, type DeliveryHarness } from "../delivery/fixtures";

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync("docs/disclosure.schema.json", "utf8")) as object);

const olivia = demoPerson("ordinary");
const marcus = demoPerson("never_disclose");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Issue 14.7 (stored files are pieces, ADR 027) and 15.6 (one download bundle, ADR 028), on real databases.
describe.each(testDialects())("stored files and the download bundle on $name", (dialect) => {
  let demo: DemoSource;
  let delivery: DeliveryHarness;
  beforeAll(async () => {
    demo = await createDemoSource(dialect);
    delivery = await createHarness(dialect);
  });
  afterAll(async () => {
    await demo?.cleanup();
    await delivery?.cleanup();
  });

  /** `rtk report ... --bundle` against the test databases; returns the bundle's entries and the JSON. */
  async function report(email: string, options: { lang?: "en" | "es"; datamap?: LoadedDatamap; name: string }) {
    const datamap = options.datamap ?? demo.datamap;
    const files = { json: path.join(demo.dir, `${options.name}.json`), pdf: path.join(demo.dir, `${options.name}.pdf`), bundle: path.join(demo.dir, `${options.name}.zip`) };
    const lines: string[] = [];
    const result = await runReportCommand(
      { email, since: "2022-01-01", lang: options.lang ?? "en", ...files },
      {
        business: { name: "Parlay", legalName: "Parlay Software, Inc.", contactEmail: "privacy@parlay.example", privacyPolicyUrl: "https://www.parlay.example/privacy" },
        publicUrl: "http://127.0.0.1:3303",
        fileStores: fileStoreConfigs(datamap.map, demo.env, datamap.baseDir),
        now: () => new Date("2026-11-01T17:00:00Z"),
        print: (line) => lines.push(line),
        collect: ({ identifiers, period, spoolPath, spoolKey }) =>
          collectPersonData({ datamap, identifiers, period, spoolPath, spoolKey, env: demo.env, logger: captureLogger().logger, handles: { parlay_app: { db: demo.t.db, dialect: demo.t.dialect } } }),
      },
    );
    const entries = await readZip(files.bundle);
    const json = JSON.parse(fs.readFileSync(files.json, "utf8")) as any;
    return { result, entries, json, lines, files };
  }

  /** Every file piece of a JSON disclosure, once (a piece is listed under each of its categories). */
  function filePieces(json: any): any[] {
    const seen = new Map<string, any>();
    for (const c of json.specificPieces.categories) for (const d of c.datasets) for (const r of d.records) for (const p of r.pieces) if ("file" in p) seen.set(`${p.label}|${p.file}`, p);
    return [...seen.values()];
  }

  it("collects Olivia's camera stills and signatures as stored-file references, not keys", async () => {
    const run = await demo.collect(byEmail(olivia));
    const visits = recordsOf(run, "office_visits");
    expect(visits.length).toBeGreaterThan(0);
    for (const visit of visits) {
      for (const field of ["office_visits.cctv_still_ref", "office_visits.signature_ref"]) {
        const ref = parseStoredFileRef(valueOf(visit, field));
        expect(ref, field).not.toBeNull();
        expect(ref!.missing).toBeUndefined();
        expect(ref).toMatchObject({ store: "parlay_files", contentType: "image/png" });
        const bytes = fs.readFileSync(path.join(demo.env.DEMO_FILES_DIR!, ...ref!.key.split("/")));
        expect(ref!.name).toMatch(/^files\/parlay_app\/office_visits\/[A-Za-z0-9_-]+\/(cctv_still_ref|signature_ref)\.png$/);
        expect(ref).toMatchObject({ bytes: bytes.length, sha256: sha256(bytes) });
      }
    }
  });

  it("bundles the PDF, the JSON, a CSV per dataset, Olivia's images and a README whose SHA-256 lines match every entry", async () => {
    const { entries, json, lines, result } = await report(olivia.email, { name: "olivia" });
    expect(result.complete).toBe(true);
    expect(lines.some((l) => l.startsWith("ZIP:"))).toBe(true);
    const names = entries.map((e) => e.name);
    expect(names[0]).toBe("disclosure.pdf");
    expect(names[1]).toBe("disclosure.json");
    expect(names.at(-1)).toBe("README.txt");
    const byName = new Map(entries.map((e) => [e.name, e.bytes]));
    expect(byName.get("disclosure.pdf")!.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(byName.get("disclosure.json")!.equals(fs.readFileSync(path.join(demo.dir, "olivia.json")))).toBe(true);

    // JSON 1.1: valid against the schema, with file pieces whose files are in the bundle, bytes and hash as stated.
    expect(json.schemaVersion).toBe("1.1");
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const pieces = filePieces(json);
    expect(pieces.filter((p) => p.file.endsWith("/cctv_still_ref.png")).length).toBeGreaterThan(0);
    expect(pieces.filter((p) => p.file.endsWith("/signature_ref.png")).length).toBeGreaterThan(0);
    for (const piece of pieces) {
      const bytes = byName.get(piece.file);
      expect(bytes, piece.file).toBeDefined();
      expect(bytes!.subarray(0, 8).equals(PNG)).toBe(true);
      expect(piece).toEqual({ label: piece.label, file: piece.file, contentType: "image/png", bytes: bytes!.length, sha256: sha256(bytes!) });
    }
    expect(names.filter((n) => n.startsWith("files/")).sort()).toEqual(pieces.map((p) => p.file).sort());

    // One CSV per dataset the JSON lists.
    const datasets = new Set<string>();
    for (const c of json.specificPieces.categories) for (const d of c.datasets) datasets.add(d.dataset);
    expect(names.filter((n) => n.startsWith("csv/")).length).toBe(datasets.size);

    // README.txt: a "<sha256>  <name>" line for every other entry, each hash the entry's own.
    const readme = byName.get("README.txt")!.toString("utf8");
    expect(readme).toContain("Your personal information from Parlay");
    const listed = new Map([...readme.matchAll(/^([0-9a-f]{64}) {2}(\S+)\r$/gm)].map((m) => [m[2]!, m[1]!]));
    expect([...listed.keys()].sort()).toEqual(names.filter((n) => n !== "README.txt").sort());
    for (const entry of entries) if (entry.name !== "README.txt") expect(listed.get(entry.name), entry.name).toBe(sha256(entry.bytes));

    // The office visits CSV: BOM, CRLF, English headers, and the image paths where the keys were.
    const csv = byName.get("csv/parlay_app.office_visits.csv")!;
    expect(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(csv.toString("utf8")).toContain("\r\n");
    const rows = parseCsv(csv.subarray(3), { relax_column_count: false }) as string[][];
    expect(rows[0]!.slice(0, 2)).toEqual(["Record", "Date (UTC)"]);
    const still = rows[0]!.indexOf("Lobby camera still (stored image)");
    expect(still).toBeGreaterThan(1);
    for (const row of rows.slice(1)) expect(byName.has(row[still]!), row[still]).toBe(true);
    // The storage keys themselves never reach the consumer's documents.
    const keys = recordsOf(await demo.collect(byEmail(olivia)), "office_visits").map((v) => parseStoredFileRef(valueOf(v, "office_visits.cctv_still_ref"))!.key);
    for (const entry of entries) for (const key of keys) expect(entry.bytes.includes(Buffer.from(key)), entry.name).toBe(false);
  });

  it("writes never-disclose cells as \"withheld\" in the request's language, with Spanish headers, and no such value anywhere (11 CCR 7024(d))", async () => {
    const { entries } = await report(marcus.email, { name: "marcus-es", lang: "es" });
    const byName = new Map(entries.map((e) => [e.name, e.bytes]));
    const csv = parseCsv(byName.get("csv/parlay_app.office_visits.csv")!.subarray(3)) as string[][];
    expect(csv[0]!.slice(0, 2)).toEqual(["Registro", "Fecha (UTC)"]);
    const idColumn = csv[0]!.indexOf("Número de la identificación con foto");
    expect(idColumn).toBeGreaterThan(1);
    expect(csv.slice(1).some((row) => row[idColumn] === "retenido")).toBe(true);
    expect(byName.get("README.txt")!.toString("utf8")).toContain("Su información personal de Parlay");
    for (const secret of [marcus.neverDisclose!.passportNumber, marcus.neverDisclose!.ssn, marcus.neverDisclose!.bankAccountNumber]) {
      for (const entry of entries) expect(entry.bytes.includes(Buffer.from(secret)), entry.name).toBe(false);
    }
  });

  it("keeps a never-disclose file field's file inside the connector, and reports a missing file instead of failing", async () => {
    const map = demoMapObject();
    const visits = map.sources[0].datasets.find((d: any) => d.id === "office_visits");
    visits.fields.cctv_still_ref.neverDisclose = "biometric";
    const variant = await loadMapObject(map, demo.env);
    // One of Olivia's signatures is gone from the store.
    const run = await demo.collect(byEmail(olivia));
    const gone = parseStoredFileRef(valueOf(recordsOf(run, "office_visits")[0]!, "office_visits.signature_ref"))!;
    const file = path.join(demo.env.DEMO_FILES_DIR!, ...gone.key.split("/"));
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    try {
      const { entries, json, result } = await report(olivia.email, { name: "olivia-variant", datamap: variant });
      expect(result.complete).toBe(true);
      expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const names = entries.map((e) => e.name);
      expect(names.some((n) => n.endsWith("/cctv_still_ref.png"))).toBe(false);
      const pieces = filePieces(json);
      expect(pieces.some((p) => p.file === null && p.missing === "not_found")).toBe(true);
      expect(pieces.every((p) => p.file === null || !p.file.endsWith("/cctv_still_ref.png"))).toBe(true);
      const text = fs.readFileSync(path.join(demo.dir, "olivia-variant.json"), "utf8");
      expect(text).toContain('"withheld": "biometric"'.replace(": ", ":"));
    } finally {
      fs.writeFileSync(file, saved);
    }
  });

  it("stores the bundle encrypted at rest and gives back the same bytes (R32), on disk and in the database", async () => {
    const { files } = await report(olivia.email, { name: "olivia-store" });
    const plain = fs.readFileSync(files.bundle);
    for (const storage of ["disk", "database"] as const) {
      const ctx = delivery.context({ REPORT_STORAGE: storage });
      const requestId = await insertRequest(ctx.db);
      const stored = await storeReport(ctx, { requestId, format: "zip", content: fs.createReadStream(files.bundle), expiresAt: inDays(7) });
      expect(stored).toMatchObject({ sha256: sha256(plain), sizeBytes: plain.length });
      const row = await ctx.db.selectFrom("reports").selectAll().where("id", "=", stored.id).executeTakeFirstOrThrow();
      const ciphertext =
        row.storage === "disk"
          ? fs.readFileSync(path.join(delivery.dataDir, "reports", row.storage_key))
          : Buffer.concat((await ctx.db.selectFrom("report_chunks").select("data").where("report_id", "=", stored.id).orderBy("seq").execute()).map((c) => Buffer.from(c.data)));
      for (const clear of [Buffer.from("README.txt"), Buffer.from("disclosure.json"), PNG, Buffer.from(olivia.email)]) expect(ciphertext.includes(clear)).toBe(false);
      const opened = await openReport(ctx, { requestId, format: "zip" });
      if (!opened.ok) throw new Error(`expected ok, got ${opened.code}`);
      expect((await collectStream(opened.stream)).equals(plain)).toBe(true);
    }
  });
});

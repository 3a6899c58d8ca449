import fs from "node:fs";
import path from "node:path";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { CategoryCode } from "../categories/ccpa-categories.shared";
import { buildDisclosureModel } from "./build-disclosure-model";
import { disclosureContents, type DisclosureContents, type DisclosureInput } from "./disclosure-input";
import { formatForLanguage } from "./format-for-language";
import { openSpoolFile } from "./open-spool-file";
import { planSpecificPieces, type PiecesPlan } from "./plan-specific-pieces";
import { DISCLOSURE_SCHEMA_PATH, renderDisclosureJson } from "./render-disclosure-json";
import { renderDisclosurePdf, type PdfListing } from "./render-disclosure-pdf";
import { writeDisclosureBundle } from "./bundle/write-disclosure-bundle";
import type { FileStoreConfig } from "../connectors/files/file-store-config";
import { withholdFromSpool, type DroppedByReview } from "../review/withheld-by-review";
import type { SpoolSource } from "./spool-source";

/** A file path (written to `<path>.partial`, renamed when complete) or a stream that is ended. */
export type DisclosureTarget = string | Writable;

export interface RenderDisclosureOptions {
  input: DisclosureInput;
  /** The NDJSON spool of the collection; needed when specific pieces are disclosed. */
  spoolPath?: string;
  /** The key the spool is encrypted with (ADR 035); needed with spoolPath. */
  spoolKey?: Buffer;
  /** env.PUBLIC_URL: the JSON's `$schema` is PUBLIC_URL + /schemas/disclosure-v1.json. */
  publicUrl: string;
  json: DisclosureTarget;
  pdf: DisclosureTarget;
  /** env.PDF_LISTING_LIMIT: datasets above it are summarised in the PDF (never in the JSON). */
  pdfListing?: PdfListing;
  /** The download bundle (ZIP, ADR 028); needs `json` and `pdf` to be paths, since it reads them back. */
  bundle?: DisclosureTarget;
  /** The map's file stores, for the stored files the bundle copies (file-store-config.ts). */
  fileStores?: Readonly<Record<string, FileStoreConfig>>;
}

export interface RenderedDisclosure {
  contents: DisclosureContents;
  /** SHA-256 of the whole JSON file, as printed in the PDF footer. */
  jsonSha256: string;
  jsonBytes: number;
  pdfPages: number;
  /** Records with at least one specific piece (0 for a categories-only disclosure). */
  records: number;
  /** When a bundle was asked for: its SHA-256, size, and stored files left out (gone or changed). */
  bundle?: { sha256: string; bytes: number; entries: number; notIncluded: number };
}

/**
 * Renders both disclosure documents from one collection, streaming from the spool: the JSON
 * first, because the PDF prints the JSON file's SHA-256 on every page so the consumer can tell
 * the two belong together; then the PDF. Writing to paths is atomic (a crash leaves no file that
 * looks complete); a failure removes the partial files and rethrows.
 */
export async function renderDisclosure(options: RenderDisclosureOptions): Promise<RenderedDisclosure> {
  const { input } = options;
  const contents = disclosureContents(input);
  let pieces: { plan: PiecesPlan; source: SpoolSource; scratchDir: string } | undefined;
  let dropped: DroppedByReview[] = [];
  if (contents === "categories_and_specific_pieces") {
    if (!options.spoolPath || !options.spoolKey) throw new Error("renderDisclosure: a specific-pieces disclosure needs the spool and its key");
    // The reviewer's withholdings are applied to the spool itself: neither document can see those values.
    const filtered = withholdFromSpool(openSpoolFile(options.spoolPath, options.spoolKey), input.reviewWithholdings ?? []);
    const source = filtered.source;
    dropped = filtered.dropped;
    const format = formatForLanguage(input.request.language);
    const sourceLabels = new Map(input.summary.sources.map((s) => [s.sourceId, format.text(s.label)]));
    // The JSON's spill files go beside the JSON (the worker's private render folder, removed even
    // if the render's process dies), or beside the spool when the JSON is a stream.
    const scratchDir = path.dirname(typeof options.json === "string" ? options.json : options.spoolPath);
    pieces = { plan: await planSpecificPieces(source, { language: input.request.language, sourceLabels }), source, scratchDir };
  }
  const model = buildDisclosureModel(input, new Set<CategoryCode>(pieces?.plan.categories.map((c) => c.code)), dropped);
  const schemaUrl = `${options.publicUrl.replace(/\/$/, "")}${DISCLOSURE_SCHEMA_PATH}`;

  let file: { sha256: string; bytes: number } | undefined;
  const json = renderDisclosureJson(model, { schemaUrl, pieces, onEnd: (end) => (file = end) });
  // A failed output rejects the pipeline before the generator has run its `finally`: waiting for
  // it means its spill files are gone when this returns or throws, not some time later.
  await writeTo(options.json, (out) => pipeline(Readable.from(json), out).finally(() => json.return(undefined).catch(() => undefined)));
  if (!file) throw new Error("renderDisclosure: the JSON ended early");
  const { sha256: jsonSha256, bytes: jsonBytes } = file;
  const { pages } = await writeTo(options.pdf, (out) => renderDisclosurePdf(model, { output: out, jsonSha256, schemaUrl, pieces, listing: options.pdfListing }));
  const rendered: RenderedDisclosure = { contents, jsonSha256, jsonBytes, pdfPages: pages, records: pieces?.plan.records ?? 0 };
  if (options.bundle === undefined) return rendered;
  if (typeof options.json !== "string" || typeof options.pdf !== "string") throw new Error("renderDisclosure: a bundle needs the JSON and the PDF written to files");
  const [jsonPath, pdfPath] = [options.json, options.pdf];
  const scratchDir = await fs.promises.mkdtemp(path.join(path.dirname(jsonPath), "bundle-"));
  try {
    const bundle = await writeTo(options.bundle, (out) =>
      writeDisclosureBundle(
        {
          pdfPath,
          jsonPath,
          source: pieces?.source ?? null,
          scratchDir,
          language: input.request.language,
          businessName: input.business.name,
          requestId: input.request.id,
          period: input.summary.period,
          completedAt: input.request.completedAt,
          fileStores: options.fileStores ?? {},
        },
        out,
      ),
    );
    return { ...rendered, bundle: { sha256: bundle.sha256, bytes: bundle.bytes, entries: bundle.entries.length + 1, notIncluded: bundle.notIncluded.length } };
  } finally {
    await fs.promises.rm(scratchDir, { recursive: true, force: true });
  }
}

async function writeTo<T>(target: DisclosureTarget, write: (out: Writable) => Promise<T>): Promise<T> {
  if (typeof target !== "string") return write(target);
  const partial = `${target}.partial`;
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  try {
    const result = await write(out);
    await fs.promises.rename(partial, target);
    return result;
  } catch (error) {
    out.destroy();
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
}

import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import PDFDocument from "pdfkit";
import type { DisclosureModel } from "./disclosure-model";
import { DISCLOSURE_TEXT } from "./disclosure-text";
import { drawCategorySummary } from "./draw-category-summary";
import { drawContents } from "./draw-contents";
import { drawCoverLetter } from "./draw-cover-letter";
import { drawSpecificPieces } from "./draw-specific-pieces";
import { drawWithheldAndSources } from "./draw-withheld-and-sources";
import { formatForLanguage } from "./format-for-language";
import { PdfCanvas, type Doc } from "./pdf-canvas";
import type { PdfContext } from "./pdf-context";
import { PDF_NAV_TEXT } from "./pdf-nav-text";
import { PDF_TEXT } from "./pdf-text";
import type { PiecesPlan } from "./plan-specific-pieces";
import type { SpoolSource } from "./spool-source";

export interface RenderPdfOptions {
  /** Receives the PDF and is ended with it. */
  output: Writable;
  /** SHA-256 (hex) of the JSON file delivered with the PDF: printed in every footer. */
  jsonSha256: string;
  schemaUrl: string;
  pieces?: { plan: PiecesPlan; source: SpoolSource };
  /** Datasets above this many records are summarised (ADR 032); "full" lists every record. */
  listing?: PdfListing;
}

export type PdfListing = number | "full";
/** env.PDF_LISTING_LIMIT's default. */
export const DEFAULT_PDF_LISTING = 1000;

/**
 * The human-readable disclosure (R33): a tagged PDF (structure tree, /Lang, title shown in the
 * window, running header and footer as artifacts) in the request's language, streamed to `output`
 * in one pass over the spool per category, with "page N of M" footers. Bytes depend only on the
 * input: creation and modification dates are the completion time, and pdfkit derives the file ID
 * from the info dictionary (style-models §7 rule 12).
 */
export async function renderDisclosurePdf(model: DisclosureModel, options: RenderPdfOptions): Promise<{ pages: number }> {
  const { request, business } = model;
  const text = PDF_TEXT[request.language];
  const format = formatForLanguage(request.language);
  const completed = new Date(request.completedAt);
  if (Number.isNaN(completed.getTime())) throw new Error("pdf: request.completedAt is not a valid instant");
  const title = text.title(business.name);
  const nav = PDF_NAV_TEXT[request.language];
  const doc = new PDFDocument({
    size: "LETTER",
    pdfVersion: "1.7",
    tagged: true,
    displayTitle: true,
    // PDF/UA-1 identifier in the XMP metadata (ISO 14289-1 5): tagged structure with table
    // headers scoped, lists as L/LI, an outline, /Lang, title shown, artifacts marked, every font
    // embedded with Unicode maps and fallbacks for what Noto Sans lacks (ADR 031).
    subset: "PDF/UA",
    lang: format.locale,
    autoFirstPage: false,
    fontLayoutCache: false,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    info: {
      Title: forXmp(title),
      Author: forXmp(business.legalName ?? business.name),
      Subject: forXmp(text.subject),
      Creator: "Right to Know portal",
      Producer: "Right to Know portal (pdfkit)",
      CreationDate: completed,
      ModDate: completed,
    },
  } as unknown as PDFKit.PDFDocumentOptions) as Doc;
  doc.pipe(options.output);
  const done = finished(options.output);
  // Observed from the start so a failing output is never an unhandled rejection; awaited below.
  done.catch(() => undefined);
  const furniture = { header: title, request: text.footerRequest(request.id), fingerprint: text.footerHash(options.jsonSha256), pageOf: text.pageOf, continued: nav.continued };
  const canvas = new PdfCanvas(doc, furniture, options.output);
  canvas.newPage();
  const root = canvas.struct.open(null, "Document");
  const context: PdfContext = { canvas, root, model, text, nav, words: DISCLOSURE_TEXT[request.language], format, listing: options.listing ?? DEFAULT_PDF_LISTING };
  await drawCoverLetter(context);
  await drawContents(context, options.pieces?.plan);
  await drawCategorySummary(context);
  await drawSpecificPieces(context, options.pieces);
  await drawWithheldAndSources(context, { jsonSha256: options.jsonSha256, schemaUrl: options.schemaUrl });
  canvas.struct.close(null, root);
  canvas.finish();
  doc.end();
  await done;
  return { pages: canvas.page };
}

/** pdfkit copies Title/Author/Subject into the XMP packet unescaped; keep that XML well formed. */
function forXmp(value: string): string {
  return value.replace(/&/g, "\uff06").replace(/</g, "\u2039").replace(/>/g, "\u203a");
}

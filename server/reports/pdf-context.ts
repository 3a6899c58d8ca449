import type { DisclosureModel } from "./disclosure-model";
import type { DisclosureText } from "./disclosure-text";
import type { LanguageFormat } from "./format-for-language";
import type { PdfCanvas } from "./pdf-canvas";
import type { StructNode } from "./pdf-structure";
import type { PdfNavText } from "./pdf-nav-text";
import type { PdfText } from "./pdf-text";

/** What every part of the PDF is drawn with. */
export interface PdfContext {
  canvas: PdfCanvas;
  root: StructNode;
  model: DisclosureModel;
  text: PdfText;
  nav: PdfNavText;
  words: DisclosureText;
  format: LanguageFormat;
  /** Datasets with more records are summarised in the PDF (ADR 032). */
  listing: number | "full";
}

/** Runs `draw` inside a Sect element, so each part of the document is one branch of the tree. */
export async function inSection(context: PdfContext, draw: (sect: StructNode) => void | Promise<void>): Promise<void> {
  const { struct } = context.canvas;
  const sect = struct.open(context.root, "Sect");
  await draw(sect);
  struct.close(context.root, sect);
}

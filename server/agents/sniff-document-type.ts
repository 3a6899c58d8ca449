/** What an authorization upload may be; decided from the bytes, never from the name or the browser. */
export type DocumentType = "application/pdf" | "image/png" | "image/jpeg";

export type SniffResult = { ok: true; mimeType: DocumentType } | { ok: false; reason: "empty" | "wrong_type" };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PDF = Buffer.from("%PDF-", "ascii");

/**
 * Decides a signed permission's type from its first bytes (magic numbers): a PDF starts with
 * "%PDF-", a PNG with its 8-byte signature, a JPEG with FF D8 FF. Anything else is refused,
 * including an HTML page, an SVG or XML file, or a Windows/ELF executable renamed ".pdf": those
 * could run script or code if a browser or a reviewer's desktop ever opened them. A BOM or
 * whitespace before "%PDF-" is not accepted either (browsers would sniff such a file as text).
 *
 * @example sniffDocumentType(Buffer.from("%PDF-1.7\n...")) // { ok: true, mimeType: "application/pdf" }
 * @example sniffDocumentType(Buffer.from("<svg ...")) // { ok: false, reason: "wrong_type" }
 */
export function sniffDocumentType(bytes: Buffer): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (startsWith(bytes, PDF)) return { ok: true, mimeType: "application/pdf" };
  if (startsWith(bytes, PNG)) return { ok: true, mimeType: "image/png" };
  if (startsWith(bytes, JPEG)) return { ok: true, mimeType: "image/jpeg" };
  return { ok: false, reason: "wrong_type" };
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
}

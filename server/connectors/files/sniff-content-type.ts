/**
 * The media type of a stored file from its first bytes (at least 16): the key's extension is a
 * name someone typed and may lie (a PNG saved as ".jpg"), while the renderer needs the truth to
 * embed an image or name a file. Unknown content is application/octet-stream: never guessed as
 * text or HTML, which a browser opening the bundle could run.
 *
 * @example sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) // "image/png"
 */
export function sniffContentType(head: Buffer): string {
  for (const [type, magic, offset = 0] of SIGNATURES) {
    if (head.length >= offset + magic.length && head.subarray(offset, offset + magic.length).equals(magic)) {
      if (type === "riff") return head.subarray(8, 12).toString("latin1") === "WEBP" ? "image/webp" : "application/octet-stream";
      return type;
    }
  }
  return "application/octet-stream";
}

const SIGNATURES: [string, Buffer, number?][] = [
  ["image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ["image/jpeg", Buffer.from([0xff, 0xd8, 0xff])],
  ["image/gif", Buffer.from("GIF8", "latin1")],
  ["application/pdf", Buffer.from("%PDF-", "latin1")],
  ["riff", Buffer.from("RIFF", "latin1")],
  ["image/tiff", Buffer.from([0x49, 0x49, 0x2a, 0x00])],
  ["image/tiff", Buffer.from([0x4d, 0x4d, 0x00, 0x2a])],
  ["application/zip", Buffer.from([0x50, 0x4b, 0x03, 0x04])],
];

/** The extension a bundle gives a file of this type (the stored key's own extension is not trusted). */
export function extensionFor(contentType: string): string {
  return EXTENSIONS[contentType] ?? "bin";
}

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/tiff": "tif",
  "application/pdf": "pdf",
  "application/zip": "zip",
};

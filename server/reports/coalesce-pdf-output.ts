const CHUNK = 64 * 1024;

interface PdfOutput {
  push(chunk: Uint8Array | null): boolean;
  _write(data: string | Uint8Array): void;
  _offset: number;
}

/**
 * pdfkit pushes every object header, operator and xref line as its own small buffer, each made by
 * a per-character loop (`fromBinaryString`); at 100,000 records that is millions of stream chunks
 * (and a burst of ~3 million at the xref). Here strings written by pdfkit are gathered as text and
 * encoded once per 64 KB batch (latin1: the same low byte of each code unit as pdfkit's own
 * conversion), and chunks are pushed in 64 KB batches, which keeps the stream machinery and the
 * garbage collector out of the profile. `_offset` still counts every byte as it is written, so
 * the xref offsets are unchanged.
 */
export function coalescePdfOutput(doc: PdfOutput): void {
  const push = doc.push.bind(doc);
  let parts: Uint8Array[] = [];
  let size = 0;
  let text = "";
  const flushText = () => {
    if (text === "") return;
    const bytes = Buffer.from(text, "latin1");
    text = "";
    parts.push(bytes);
    size += bytes.length;
  };
  const flush = () => {
    flushText();
    if (size > 0) push(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    parts = [];
    size = 0;
  };
  doc.push = (chunk: Uint8Array | null): boolean => {
    if (chunk === null) {
      flush();
      return push(null);
    }
    flushText();
    if (chunk.length >= CHUNK) {
      flush();
      return push(chunk);
    }
    parts.push(chunk);
    size += chunk.length;
    if (size >= CHUNK) flush();
    return true;
  };
  doc._write = (data: string | Uint8Array): void => {
    if (data instanceof Uint8Array) {
      doc.push(data);
      doc._offset += data.length;
      return;
    }
    const line = `${data}\n`;
    text += line;
    doc._offset += line.length;
    if (text.length + size >= CHUNK) flush();
  };
}

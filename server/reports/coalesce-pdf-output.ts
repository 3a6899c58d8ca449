const CHUNK = 64 * 1024;

/**
 * pdfkit pushes every object header, operator and xref line as its own small buffer; at 100,000
 * records that is millions of stream chunks (and a burst of ~1 million at the xref). Pushing them
 * in 64 KB batches keeps the stream machinery and the garbage collector out of the profile
 * (pdfkit's `_write` keeps counting offsets itself; only the stream chunks are merged).
 */
export function coalescePdfOutput(doc: { push(chunk: Uint8Array | null): boolean }): void {
  const push = doc.push.bind(doc);
  let parts: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (size > 0) push(parts.length === 1 ? parts[0]! : Buffer.concat(parts, size));
    parts = [];
    size = 0;
  };
  doc.push = (chunk: Uint8Array | null): boolean => {
    if (chunk === null) {
      flush();
      return push(null);
    }
    if (chunk.length >= CHUNK) {
      flush();
      return push(chunk);
    }
    parts.push(chunk);
    size += chunk.length;
    if (size >= CHUNK) flush();
    return true;
  };
}

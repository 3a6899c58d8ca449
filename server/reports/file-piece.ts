import { parseStoredFileRef, type StoredFileRef } from "../collection/stored-file-ref.shared";
import type { RequestLanguage } from "../requests/request-fields.shared";

/**
 * A file piece's members after its label, in the JSON's fixed key order (docs/disclosure-format.md,
 * schema 1.1): `"file":"files/…","contentType":…,"bytes":…,"sha256":…` for a file in the bundle, or
 * `"file":null,"missing":"not_found"` when the store had none. The storage key is never written:
 * it is the business's internal address, not the consumer's information.
 */
export function filePieceJson(spoolValue: unknown): string {
  const ref = parseStoredFileRef(spoolValue);
  if (!ref) return `"file":null,"missing":"unreadable"`;
  if (ref.missing !== undefined) return `"file":null,"missing":${JSON.stringify(ref.missing)}`;
  return `"file":${JSON.stringify(ref.name)},"contentType":${JSON.stringify(ref.contentType)},"bytes":${ref.bytes},"sha256":${JSON.stringify(ref.sha256)}`;
}

const TEXT = {
  en: {
    inBundle: "in the download bundle (ZIP)",
    missing: { not_found: "stored file not found", too_large: "stored file too large to copy", unreadable: "stored file could not be read", unavailable: "file store could not be reached" },
    image: "image",
    file: "file",
  },
  es: {
    inBundle: "en el paquete de descarga (ZIP)",
    missing: { not_found: "no se encontró el archivo guardado", too_large: "el archivo guardado es demasiado grande para copiarlo", unreadable: "no se pudo leer el archivo guardado", unavailable: "no se pudo acceder al almacén de archivos" },
    image: "imagen",
    file: "archivo",
  },
} as const;

/** One line for the PDF and the CSV: the file's name, type and size, and where to find it. */
export function describeFilePiece(spoolValue: unknown, language: RequestLanguage): string {
  const ref = parseStoredFileRef(spoolValue);
  const t = TEXT[language];
  if (!ref) return t.missing.unreadable;
  if (ref.missing !== undefined) return t.missing[ref.missing];
  const kind = ref.contentType.startsWith("image/") ? `${ref.contentType.slice(6).toUpperCase()} ${t.image}` : `${t.file} ${ref.contentType}`;
  return `${ref.name} (${kind}, ${formatBytes(ref.bytes, language)}), ${t.inBundle}`;
}

export function formatBytes(bytes: number, language: RequestLanguage): string {
  const format = (n: number) => n.toLocaleString(language === "es" ? "es-US" : "en-US", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / 1024 / 1024)} MB`;
}

export type { StoredFileRef };

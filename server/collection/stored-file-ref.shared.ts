/**
 * What the spool holds in the slot of a file field (ADR 027): not the storage key alone but the
 * facts the documents need, written at collection so that rendering never guesses. The text is
 * STORED_FILE_PREFIX + JSON, so a reader can tell it from a plain string even without the field's
 * `file` flag. `key` and `store` stay inside the portal (the bundle writer reads the file again
 * with them); consumer documents show `name`, `contentType`, `bytes` and `sha256` only.
 */
export type StoredFileRef =
  | { store: string; key: string; name: string; contentType: string; bytes: number; sha256: string; missing?: undefined }
  | { store: string; key: string; missing: StoredFileMissing; name?: undefined };

/** not_found: no file under the key; too_large: over the store's cap; unreadable / unavailable: the store failed. */
export type StoredFileMissing = "not_found" | "too_large" | "unreadable" | "unavailable";

export const STORED_FILE_PREFIX = "\u0000file:";

/** The reference in a spool value, or null when the value is not one. */
export function parseStoredFileRef(value: unknown): StoredFileRef | null {
  if (typeof value !== "string" || !value.startsWith(STORED_FILE_PREFIX)) return null;
  try {
    return JSON.parse(value.slice(STORED_FILE_PREFIX.length)) as StoredFileRef;
  } catch {
    return null;
  }
}

import type { Readable } from "node:stream";

/**
 * A store of files addressed by key (camera stills, signature images, uploaded documents): what a
 * data-map field with `file: { source }` holds is such a key (ADR 027). The interface is the least
 * a disclosure needs, so that an S3-compatible store (HEAD + ranged GET) can implement it as the
 * local directory store does: facts about a file, then its bytes as a stream.
 */
export interface FileStore {
  /** Size and type of the file (sniffed from its first bytes). Throws a FileStoreError. */
  stat(key: string): Promise<StoredFileStat>;
  /** The file's bytes, streamed; refuses what stat refuses. Throws a FileStoreError. */
  open(key: string): Promise<Readable>;
  /** Problems that make the store unusable (missing, unreadable), for `datamap check`; [] when fine. */
  check(): Promise<string[]>;
}

export interface StoredFileStat {
  bytes: number;
  /** From the magic bytes, never the key's extension alone (sniff-content-type.ts). */
  contentType: string;
}

export type FileStoreErrorCode = "invalid_key" | "not_found" | "not_a_file" | "outside_store" | "too_large" | "unreadable";

/** A PII-free failure: the message names the problem, never the key (a key may embed a name or a date). */
export class FileStoreError extends Error {
  readonly code: FileStoreErrorCode;

  constructor(code: FileStoreErrorCode, message: string) {
    super(message);
    this.name = "FileStoreError";
    this.code = code;
  }
}

/** Default cap on one stored file (a data map may set maxFileBytes): bounds what a bundle copies. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

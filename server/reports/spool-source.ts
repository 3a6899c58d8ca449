import type { SpoolDataset, SpoolRecord } from "../collection/collection-types.shared";
import type { SpoolPieceTally } from "../collection/tally-spool-pieces";

/** A byte range [start, end) of the spool holding whole NDJSON lines. */
export interface SpoolSlice {
  start: number;
  end: number;
}

export interface ScannedRecord extends SpoolSlice {
  record: SpoolRecord;
}

/**
 * Read access to a spool that may be read more than once. The documents list specific pieces
 * by category and then by dataset (1798.110(a)(5), 1798.130(a)(3)(B)), while the spool is in
 * collection order; re-reading the byte ranges of one dataset per category keeps memory flat
 * however many records a person has (DESIGN.md §4), at the cost of parsing a record once per
 * category it belongs to.
 */
export interface SpoolSource {
  /** Every record once, in spool order, with its byte range. */
  scan(): AsyncIterable<ScannedRecord>;
  /** The records inside the given ranges, in range order; their dataset lines must have been scanned. */
  read(slices: readonly SpoolSlice[]): AsyncIterable<SpoolRecord>;
  /**
   * The same lines as read(), undecoded: whole lines of the file's bytes, for the JSON's line
   * encoders (ADR 021), which copy the values' JSON text instead of parsing and writing it again.
   * Only a source whose records are the file's own offers it (not one that changes records).
   */
  readLines?(slices: readonly SpoolSlice[]): AsyncIterable<SpoolLines>;
  /**
   * The counts collection wrote as the spool's last line, null when it has none; once it is
   * read, read() works without a scan. A source that changes records must not offer it.
   */
  tally?(): Promise<SpoolTallied | null>;
}

/** A tally with the dataset lines its refs name (labels are in those lines only). */
export interface SpoolTallied {
  tally: SpoolPieceTally;
  lines: ReadonlyMap<number, SpoolDataset>;
}

/**
 * Whole spool lines as bytes (the last one of a range may lack its newline). `bytes` is valid only
 * until the next block is asked for: it is the reader's own buffer, reused.
 */
export interface SpoolLines {
  bytes: Buffer;
  /** The file offset of bytes[0], for errors that name where a line is (never its text). */
  at: number;
  /** The dataset lines records refer to by ref (decodeSpoolLine adds any it meets). */
  datasets: Map<number, SpoolDataset>;
}

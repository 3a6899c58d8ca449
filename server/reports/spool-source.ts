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

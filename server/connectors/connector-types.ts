import type { ScalarValue } from "../collection/collection-types.shared";
import type { IssuePath } from "../datamap/datamap-error";
import type { Dataset } from "../datamap/dataset-schema";

/**
 * The connector interface: one implementation per source kind (sql, http, file), each yielding a
 * dataset's matching rows as an AsyncIterable so that collection streams however much a person has.
 * Rows come in small batches (at most FETCH_BATCH): one await per batch rather than per row keeps
 * 100,000 records cheap.
 *
 * The never-disclose rule (11 CCR 7024(d); DESIGN.md §7) is enforced here, inside the connector
 * layer: a never-disclose column of a SafeRow holds 1 when the source has a value and 0 when it
 * has none, never the value. SQL connectors do not even select it (they select its presence);
 * http and file connectors drop it while parsing, before the row leaves them.
 *
 * @example
 * const connector = await openConnector(loaded, source, { env: process.env });
 * for await (const rows of connector.fetch(dataset, { lookup, known, window, columns: "all" })) {
 *   for (const row of rows) row.values.ssn; // 1 or 0
 * }
 * await connector.close();
 */

export const FETCH_BATCH = 512;

/** Identifier type -> normalized values (see normalize-identifier.ts). */
export type IdentifierValues = ReadonlyMap<string, ReadonlySet<string>>;

/** Calendar dates, UTC; the end is exclusive (the day after the period's last day). */
export interface TimeWindow {
  start: string;
  endExclusive: string;
}

export interface FetchRequest {
  /** The values to find rows by, per identifier type; only the dataset's lookup identifiers matter. */
  lookup: IdentifierValues;
  /**
   * Every identifier value known for the person, for owner guards (1798.145(k)); null = do not
   * apply them (the identity graph applies them itself, once it knows all of the person's ids).
   */
  known: IdentifierValues | null;
  /** null: no time filter (the identity graph follows links whenever they were made). */
  window: TimeWindow | null;
  /** links: the primary key and the lookup, yield and owner columns only; all: every declared field. */
  columns: "links" | "all";
}

export interface SafeRow {
  /** The primary key's value, or a stand-in (line number, content hash) for sources without one. */
  key: string;
  values: Record<string, ScalarValue>;
}

/** A difference between the map and the live source; the path is relative to the source. */
export interface DriftIssue {
  path: IssuePath;
  message: string;
  /** A more precise error code than DATAMAP_DRIFT, e.g. ENOENT for a missing export. */
  code?: string;
}

/**
 * A row as its values in the order of datasetColumns(dataset, "all") (the map's field order): what
 * the SQL connector reads, handed to collection without a values object per row (issue 14 item 4).
 * Same rules as SafeRow: never-disclose columns hold 1 or 0; `at` is toIsoTime of the time field.
 */
export interface CellRow {
  /**
   * The primary key as the driver gave it: a number stays a number (its string is written straight
   * into the spool line, and made only where a string is needed), anything else is its String().
   */
  key: string | number;
  /** The row's time as read (toIsoTime of its timeField), or undefined when it must be read from the cells. */
  at: string | null | undefined;
  cells: ScalarValue[];
}

export interface SourceConnector {
  fetch(dataset: Dataset, request: FetchRequest): AsyncIterable<SafeRow[]>;
  /** fetch() with `columns: "all"`, rows as cells (sql sources): collection's fast path. */
  fetchCells?(dataset: Dataset, request: Omit<FetchRequest, "columns">): AsyncIterable<CellRow[]>;
  /** Tables, columns or files the map declares but the source lacks, or holds but the map does not declare. */
  inspect(): Promise<DriftIssue[]>;
  /** sql: lookups no index serves, each with the statement that would serve it (warnings, ADR 024). */
  lookupWarnings?(): Promise<DriftIssue[]>;
  close(): Promise<void>;
}

/** A failure with a PII-free code for SourceRun.errorCode; the message names map places only. */
export class ConnectorError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "ConnectorError";
    this.code = code;
  }
}

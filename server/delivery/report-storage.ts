import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Db } from "./reports.repository";

export type StorageKind = "disk" | "database";

/**
 * Ciphertext written somewhere durable, not yet referenced by a committed `reports` row.
 *
 * Staging happens before the database transaction so the transaction lasts as long as a copy,
 * not as long as a render: a slow 100 MB render must not hold SQLite's single writer or a MySQL
 * row lock.
 */
export interface StagedBlob {
  storageKey: string;
  /** Runs inside the transaction that inserts the `reports` row and makes the bytes part of it. */
  commit(tx: Transaction<Database>): Promise<void>;
  /** Runs after the transaction, committed or not: drops staging leftovers, or the bytes on failure. */
  release(committed: boolean): Promise<void>;
}

/**
 * Where encrypted report bytes live (REPORT_STORAGE): local disk for the embedded default, the
 * database in chunks when several instances must serve the same downloads (DESIGN.md §6).
 * Backends only ever see ciphertext; encryption happens before `stage` and after `read`.
 */
export interface ReportStorage {
  readonly kind: StorageKind;
  stage(input: { reportId: string; blob: AsyncIterable<Buffer> }): Promise<StagedBlob>;
  read(db: Db, storageKey: string): AsyncIterable<Buffer>;
  /** Deletes the bytes. Idempotent: bytes already gone are not an error (purge jobs re-run). */
  remove(db: Db, storageKey: string): Promise<void>;
}

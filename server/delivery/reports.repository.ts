import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, ReportsTable } from "../../db/schema";
import { isUniqueViolation } from "../lib/db-errors";

export type Db = Kysely<Database> | Transaction<Database>;
export type ReportRow = Selectable<ReportsTable>;
/** zip: the download bundle (ADR 028). */
export type ReportFormat = "json" | "pdf" | "zip";

export async function findReport(db: Db, where: { requestId: string; format: ReportFormat }): Promise<ReportRow | undefined> {
  return db
    .selectFrom("reports")
    .selectAll()
    .where("request_id", "=", where.requestId)
    .where("format", "=", where.format)
    .executeTakeFirst();
}

export async function insertReport(db: Db, row: Insertable<ReportsTable>): Promise<void> {
  await db.insertInto("reports").values(row).execute();
}

/**
 * Inserts outside any transaction unless the request already has a report of that format (the
 * unique (request_id, format) index refuses it); returns whether it did. A refused autocommitted
 * INSERT leaves nothing behind on either dialect.
 */
export async function insertReportUnlessTaken(db: Kysely<Database>, row: Insertable<ReportsTable>): Promise<boolean> {
  try {
    await insertReport(db, row);
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function deleteReport(db: Db, id: string): Promise<void> {
  await db.deleteFrom("reports").where("id", "=", id).execute();
}

/** Reports whose download window has ended and whose bytes are still stored, oldest first. */
export async function listExpiredReports(db: Db, where: { now: string; limit: number }): Promise<ReportRow[]> {
  return db
    .selectFrom("reports")
    .selectAll()
    .where("expires_at", "<", where.now)
    .where("purged_at", "is", null)
    .orderBy("expires_at")
    .orderBy("id")
    .limit(where.limit)
    .execute();
}

/** Unpurged reports of the given requests (their bytes must go before the rows cascade away). */
export async function listUnpurgedReportsOf(db: Db, requestIds: readonly string[]): Promise<ReportRow[]> {
  if (requestIds.length === 0) return [];
  return db.selectFrom("reports").selectAll().where("request_id", "in", requestIds).where("purged_at", "is", null).execute();
}

/** Only an unpurged row is stamped, so a re-run keeps the first purge time. */
export async function markReportPurged(db: Db, where: { id: string; now: string }): Promise<void> {
  await db.updateTable("reports").set({ purged_at: where.now }).where("id", "=", where.id).where("purged_at", "is", null).execute();
}

/** Of the given disk storage keys, those a report row still points at (purged or not). */
export async function findReferencedDiskKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom("reports")
    .select("storage_key")
    .where("storage", "=", "disk")
    .where("storage_key", "in", keys)
    .where("purged_at", "is", null)
    .execute();
  return new Set(rows.map((r) => r.storage_key));
}

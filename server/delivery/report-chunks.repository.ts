import type { Db } from "./reports.repository";

export async function insertReportChunk(db: Db, chunk: { reportId: string; seq: number; data: Buffer }): Promise<void> {
  await db.insertInto("report_chunks").values({ report_id: chunk.reportId, seq: chunk.seq, data: chunk.data }).execute();
}

/** One chunk at a time: reading a 100 MB report never holds more than one chunk in memory. */
export async function findReportChunk(db: Db, where: { reportId: string; seq: number }): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom("report_chunks")
    .select("data")
    .where("report_id", "=", where.reportId)
    .where("seq", "=", where.seq)
    .executeTakeFirst();
  return row ? Buffer.from(row.data) : undefined;
}

export async function deleteReportChunks(db: Db, reportId: string): Promise<void> {
  await db.deleteFrom("report_chunks").where("report_id", "=", reportId).execute();
}

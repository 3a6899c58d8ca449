import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, ReviewWithholdingsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type ReviewWithholdingRow = Selectable<ReviewWithholdingsTable>;

export async function insertReviewWithholding(db: Db, row: Insertable<ReviewWithholdingsTable>): Promise<void> {
  await db.insertInto("review_withholdings").values(row).execute();
}

/** Oldest first; ids break ties, so the order (and the disclosure built from it) is stable. */
export async function listReviewWithholdings(db: Db, requestId: string): Promise<ReviewWithholdingRow[]> {
  return db
    .selectFrom("review_withholdings")
    .selectAll()
    .where("request_id", "=", requestId)
    .orderBy("created_at", "asc")
    .orderBy("id", "asc")
    .execute();
}

import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, ReviewWithholdingsTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type ReviewWithholdingRow = Selectable<ReviewWithholdingsTable>;
/** A withholding with the name of the staff member who decided it ("decided by", issue 17). */
export type ReviewWithholdingWithStaff = ReviewWithholdingRow & { staff_name: string | null };

export async function insertReviewWithholding(db: Db, row: Insertable<ReviewWithholdingsTable>): Promise<void> {
  await db.insertInto("review_withholdings").values(row).execute();
}

/** Oldest first; ids break ties, so the order (and the disclosure built from it) is stable. */
export async function listReviewWithholdings(db: Db, requestId: string): Promise<ReviewWithholdingWithStaff[]> {
  return db
    .selectFrom("review_withholdings")
    .leftJoin("staff_users", "staff_users.id", "review_withholdings.staff_id")
    .selectAll("review_withholdings")
    .select("staff_users.name as staff_name")
    .where("review_withholdings.request_id", "=", requestId)
    .orderBy("review_withholdings.created_at", "asc")
    .orderBy("review_withholdings.id", "asc")
    .execute();
}

export async function findReviewWithholding(db: Db, input: { requestId: string; id: string }): Promise<ReviewWithholdingRow | undefined> {
  return db.selectFrom("review_withholdings").selectAll().where("request_id", "=", input.requestId).where("id", "=", input.id).executeTakeFirst();
}

/** Undo before approval: the decision is gone from the disclosure; the audit trail keeps that it was made and undone. */
export async function deleteReviewWithholding(db: Db, input: { requestId: string; id: string }): Promise<number> {
  const result = await db.deleteFrom("review_withholdings").where("request_id", "=", input.requestId).where("id", "=", input.id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

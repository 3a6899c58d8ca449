import type { Insertable, Kysely, Selectable, Transaction } from "kysely";
import type { Database, VerificationEvidenceTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type VerificationEvidenceRow = Selectable<VerificationEvidenceTable>;

export async function insertVerificationEvidence(db: Db, row: Insertable<VerificationEvidenceTable>): Promise<void> {
  await db.insertInto("verification_evidence").values(row).execute();
}

/** Every evidence row of a request, oldest first (a request may be re-verified). */
export async function listVerificationEvidence(db: Db, requestId: string): Promise<VerificationEvidenceRow[]> {
  return db.selectFrom("verification_evidence").selectAll().where("request_id", "=", requestId).orderBy("created_at").orderBy("id").execute();
}

import type { Insertable, Selectable } from "kysely";
import type { DownloadLinksTable } from "../../db/schema";
import type { Db } from "./reports.repository";

export type DownloadLinkRow = Selectable<DownloadLinksTable>;
export type { DownloadLinksTable };

export async function insertDownloadLink(db: Db, row: Insertable<DownloadLinksTable>): Promise<void> {
  await db.insertInto("download_links").values(row).execute();
}

export async function findDownloadLink(db: Db, id: string): Promise<DownloadLinkRow | undefined> {
  return db.selectFrom("download_links").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function markDownloadLinkUsed(db: Db, where: { id: string; now: string }): Promise<void> {
  await db.updateTable("download_links").set({ last_used_at: where.now }).where("id", "=", where.id).execute();
}

/** Revokes every live link of a request; returns how many were revoked. */
export async function revokeDownloadLinks(db: Db, where: { requestId: string; now: string }): Promise<number> {
  const result = await db
    .updateTable("download_links")
    .set({ revoked_at: where.now })
    .where("request_id", "=", where.requestId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

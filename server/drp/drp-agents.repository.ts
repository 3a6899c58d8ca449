import type { Kysely, Selectable, Transaction } from "kysely";
import type { AgentsTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type DrpAgentRow = Selectable<AgentsTable>;

/** The agents-table kind of a Data Rights Protocol agent; the web agent portal owns the other kinds. */
export const DRP_AGENT_KIND = "drp";
/** Ops switch a DRP agent between these; a new directory agent starts active. */
export const DRP_AGENT_STATUSES = ["active", "disabled"] as const;
export type DrpAgentStatus = (typeof DRP_AGENT_STATUSES)[number];

export async function findDrpAgentByDrpId(db: Db, drpAgentId: string): Promise<DrpAgentRow | undefined> {
  return db.selectFrom("agents").selectAll().where("kind", "=", DRP_AGENT_KIND).where("drp_agent_id", "=", drpAgentId).executeTakeFirst();
}

export async function findDrpAgentById(db: Db, id: string): Promise<DrpAgentRow | undefined> {
  return db.selectFrom("agents").selectAll().where("kind", "=", DRP_AGENT_KIND).where("id", "=", id).executeTakeFirst();
}

export async function listDrpAgentRows(db: Db): Promise<DrpAgentRow[]> {
  return db.selectFrom("agents").selectAll().where("kind", "=", DRP_AGENT_KIND).orderBy("name").orderBy("id").execute();
}

export async function insertDrpAgent(db: Db, row: { id: string; name: string; email: string; drpAgentId: string; verifyKey: string; now: string }): Promise<void> {
  await db
    .insertInto("agents")
    .values({
      id: row.id,
      kind: DRP_AGENT_KIND,
      name: row.name,
      email: row.email,
      drp_agent_id: row.drpAgentId,
      drp_verify_key: row.verifyKey,
      status: "active",
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

/** Follows the directory: a renamed agent or a rotated key. The ops-set status is left alone. */
export async function updateDrpAgentFromDirectory(db: Db, id: string, changes: { name: string; verifyKey: string; now: string }): Promise<void> {
  await db
    .updateTable("agents")
    .set({ name: changes.name, drp_verify_key: changes.verifyKey, updated_at: changes.now })
    .where("id", "=", id)
    .where("kind", "=", DRP_AGENT_KIND)
    .execute();
}

export async function updateDrpAgentStatus(db: Db, id: string, status: DrpAgentStatus, now: string): Promise<boolean> {
  const result = await db.updateTable("agents").set({ status, updated_at: now }).where("id", "=", id).where("kind", "=", DRP_AGENT_KIND).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

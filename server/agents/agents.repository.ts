import { type Insertable, type Kysely, type Selectable, type Transaction } from "kysely";
import type { AgentsTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type AgentRow = Selectable<AgentsTable>;

export async function insertAgent(db: Db, row: Insertable<AgentsTable>): Promise<void> {
  await db.insertInto("agents").values(row).execute();
}

export async function findAgentByEmail(db: Db, email: string): Promise<AgentRow | undefined> {
  return db.selectFrom("agents").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function findAgentById(db: Db, id: string): Promise<AgentRow | undefined> {
  return db.selectFrom("agents").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function markAgentEmailVerified(db: Db, { id, now }: { id: string; now: string }): Promise<void> {
  await db.updateTable("agents").set({ email_verified_at: now, status: "active", updated_at: now }).where("id", "=", id).where("email_verified_at", "is", null).execute();
}

/** Accepts a TOTP step once: a conditional UPDATE, so two racing requests cannot both use it. */
export async function claimAgentTotpStep(db: Db, { id, step, now }: { id: string; step: number; now: string }): Promise<boolean> {
  const result = await db
    .updateTable("agents")
    .set({ totp_last_step: step, updated_at: now })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setAgentPendingTotpSecret(db: Db, { id, secret, now }: { id: string; secret: string; now: string }): Promise<void> {
  await db.updateTable("agents").set({ totp_pending_secret: secret, updated_at: now }).where("id", "=", id).where("totp_secret", "is", null).execute();
}

/** Turns the pending secret into the second factor, with the confirming code's step used; once only. */
export async function activateAgentTotp(db: Db, { id, secret, step, now }: { id: string; secret: string; step: number; now: string }): Promise<boolean> {
  const result = await db
    .updateTable("agents")
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: now })
    .where("id", "=", id)
    .where("totp_secret", "is", null)
    .where("totp_pending_secret", "=", secret)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

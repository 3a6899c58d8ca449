import { type Insertable, type Kysely, type Selectable, type Transaction } from "kysely";
import type { Database, StaffUsersTable } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;
export type StaffUserRow = Selectable<StaffUsersTable>;

export async function insertStaffUser(db: Db, row: Insertable<StaffUsersTable>): Promise<void> {
  await db.insertInto("staff_users").values(row).execute();
}

/** `email` must already be normalised (trimmed, lower case): that is how it is stored. */
export async function findStaffUserByEmail(db: Db, email: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom("staff_users").selectAll().where("email", "=", email).executeTakeFirst();
}

export async function findStaffUserById(db: Db, id: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom("staff_users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function countStaffUsers(db: Db): Promise<number> {
  const row = await db.selectFrom("staff_users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listStaffUserRows(db: Db): Promise<StaffUserRow[]> {
  return db.selectFrom("staff_users").selectAll().orderBy("role", "asc").orderBy("email", "asc").execute();
}

export async function setPendingTotpSecret(db: Db, { id, secret, now }: { id: string; secret: string; now: string }): Promise<void> {
  await db.updateTable("staff_users").set({ totp_pending_secret: secret, updated_at: now }).where("id", "=", id).execute();
}

/**
 * Makes the pending secret the account's TOTP secret, remembering the step of the code that
 * confirmed it. Only if the pending secret is still `secret` and no secret is set yet: two tabs
 * confirming at once cannot both win. Returns whether this call did it.
 */
export async function activatePendingTotpSecret(
  db: Db,
  { id, secret, step, now }: { id: string; secret: string; step: number; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable("staff_users")
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: now })
    .where("id", "=", id)
    .where("totp_pending_secret", "=", secret)
    .where("totp_secret", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records `step` as used, only if it is later than the last step used. The check is in the UPDATE,
 * so two requests with the same code cannot both pass. Returns whether the step was free.
 */
export async function claimTotpStep(db: Db, { id, step, now }: { id: string; step: number; now: string }): Promise<boolean> {
  const result = await db
    .updateTable("staff_users")
    .set({ totp_last_step: step, updated_at: now })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markStaffUserDisabled(db: Db, { id, now }: { id: string; now: string }): Promise<boolean> {
  const result = await db
    .updateTable("staff_users")
    .set({ disabled_at: now, updated_at: now })
    .where("id", "=", id)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Sets a TOTP secret directly; only for seeding the demo admin, whose secret is published. */
export async function setTotpSecret(db: Db, { id, secret, now }: { id: string; secret: string; now: string }): Promise<void> {
  await db.updateTable("staff_users").set({ totp_secret: secret, totp_pending_secret: null, updated_at: now }).where("id", "=", id).execute();
}

import type { Kysely } from "kysely";

// What the agent's status_callback was last queued (issue 16 item 7): the status itself, so a
// change the agent cannot see (verified -> collecting are both "in_progress") queues nothing, and
// the change it belongs to, so a retry of an older callback that a newer one superseded is
// dropped rather than sent after it.
export async function up(db: Kysely<any>): Promise<void> {
  const columns = (await db.introspection.getTables()).find((t) => t.name === "drp_requests")?.columns.map((c) => c.name) ?? [];
  if (!columns.includes("callback_change_id")) await db.schema.alterTable("drp_requests").addColumn("callback_change_id", "varchar(26)").execute();
  if (!columns.includes("callback_status")) await db.schema.alterTable("drp_requests").addColumn("callback_status", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("drp_requests").dropColumn("callback_status").execute();
  await db.schema.alterTable("drp_requests").dropColumn("callback_change_id").execute();
}

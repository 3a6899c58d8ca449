import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

/** The state of each request id that still exists (absent ids were deleted). */
export async function findRequestStates(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("requests").select(["id", "state"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.state]));
}

/** Payloads of render jobs some worker holds a live lease on (its render folder is in use). */
export async function listLeasedJobPayloads(db: Kysely<Database>, input: { kind: string; now: string }): Promise<string[]> {
  const rows = await db
    .selectFrom("jobs")
    .select("payload")
    .where("kind", "=", input.kind)
    .where("state", "=", "running")
    .where("locked_until", ">", input.now)
    .execute();
  return rows.map((r) => r.payload);
}

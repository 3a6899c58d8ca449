import type { Kysely, Selectable, Transaction } from "kysely";
import type { AgentsTable, AuthorizationsTable, Database } from "../../db/schema";

type Db = Kysely<Database> | Transaction<Database>;

export type AgentSummaryRow = Pick<Selectable<AgentsTable>, "id" | "name" | "kind" | "status" | "sos_number">;
/** Metadata only: the document itself (storage_key) is not read here, nor its hash. */
export type AuthorizationMetaRow = Pick<
  Selectable<AuthorizationsTable>,
  "id" | "kind" | "mime_type" | "size_bytes" | "consumer_confirmed_at" | "consumer_refused_at" | "created_at"
>;

export async function findAgentSummary(db: Db, agentId: string): Promise<AgentSummaryRow | undefined> {
  return db.selectFrom("agents").select(["id", "name", "kind", "status", "sos_number"]).where("id", "=", agentId).executeTakeFirst();
}

export async function listAuthorizationMeta(db: Db, requestId: string): Promise<AuthorizationMetaRow[]> {
  const rows = await db
    .selectFrom("authorizations")
    .select(["id", "kind", "mime_type", "size_bytes", "consumer_confirmed_at", "consumer_refused_at", "created_at"])
    .where("request_id", "=", requestId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, size_bytes: Number(r.size_bytes) }));
}

/** Display names of staff ids (timeline and audit actors); unknown ids are simply absent. */
export async function listStaffNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("staff_users").select(["id", "name"]).where("id", "in", [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

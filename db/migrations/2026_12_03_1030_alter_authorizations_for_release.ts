import type { Kysely } from "kysely";

// Whether the consumer, when confirming the agent, agreed that the disclosure may also be released
// to the agent (AGENT_DISCLOSURE_RELEASE=consumer_and_agent; R23). 1 = agreed, 0 or null = not.
export async function up(db: Kysely<any>): Promise<void> {
  const tables = await db.introspection.getTables();
  const present = tables.find((t) => t.name === "authorizations")?.columns.some((c) => c.name === "release_to_agent");
  if (!present) await db.schema.alterTable("authorizations").addColumn("release_to_agent", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("authorizations").dropColumn("release_to_agent").execute();
}

import { openDb } from "../../db/client";
import type { AppContext } from "../context";
import { getDatamap } from "../datamap/get-datamap";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import { findIdentityRecord } from "../verification/find-identity-record";
import { findKnownValues } from "./known-people.repository";

/** Distinct candidates looked up per review index at most: a person's records name few people. */
const MAX_CANDIDATES = 5000;

export interface KnownPeople {
  /** Lower-case e-mail addresses the business's customer list holds. */
  emails: ReadonlySet<string>;
  /** Names (nameKey form) the customer list holds as a full name. */
  names: ReadonlySet<string>;
}

/**
 * Which of the names and e-mail addresses found in one person's records belong to someone else the
 * business knows (1798.145(k), R30): looked up in the data map's identity dataset, the business's
 * own customer list, for exactly these values (person-scoped: no list of customers is ever read).
 * Only the values come back, never the rest of those people's rows. An sql identity source is
 * asked directly (one query per 200 values); http and file sources through the connector's e-mail
 * lookup, where names cannot be asked, so only addresses are checked there.
 */
export async function lookUpKnownPeople(ctx: AppContext, input: { emails: readonly string[]; names: readonly string[] }): Promise<KnownPeople> {
  const emails = [...new Set(input.emails)].slice(0, MAX_CANDIDATES);
  const names = [...new Set(input.names)].slice(0, MAX_CANDIDATES);
  if (emails.length === 0 && names.length === 0) return { emails: new Set(), names: new Set() };
  const { map } = await getDatamap(ctx);
  const { identity } = map;
  const source = map.sources.find((s) => s.id === identity.source);
  const dataset = source?.datasets.find((d) => d.id === identity.dataset);
  if (!source || !dataset) throw new Error(`identity dataset ${identity.source}.${identity.dataset} is not in the data map`);

  if (source.kind !== "sql") {
    const known = new Set<string>();
    for (const email of emails.slice(0, 200)) if ((await findIdentityRecord(ctx, { email })).length > 0) known.add(email);
    return { emails: known, names: new Set() };
  }
  const url = sourceEnvironment(ctx.env)[source.connection.urlEnv];
  if (typeof url !== "string" || url === "") throw new Error(`environment variable ${source.connection.urlEnv} is not set`);
  const table = (dataset as { table: string }).table;
  const handle = openDb<any>(url);
  try {
    const knownEmails = await findKnownValues(handle.db, { table, column: identity.fields.email, values: emails });
    const knownNames = identity.fields.fullName ? await findKnownValues(handle.db, { table, column: identity.fields.fullName, values: names }) : [];
    ctx.logger.debug({ emails: emails.length, names: names.length, known: knownEmails.length + knownNames.length }, "mentions looked up");
    return { emails: new Set(knownEmails), names: new Set(knownNames) };
  } finally {
    await handle.db.destroy();
  }
}

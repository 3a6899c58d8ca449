import { openDb, type DbHandle } from "../../db/client";
import { openConnector } from "../connectors/open-connector";
import type { AppContext } from "../context";
import type { Identity, Source } from "../datamap/datamap-schema";
import { getDatamap } from "../datamap/get-datamap";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import type { Env } from "../env";
import type { HeldIdentity } from "./data-points.shared";
import { findIdentityRows, MAX_IDENTITY_ROWS } from "./identity-source.repository";

// One pool per (settings, URL), kept for the life of the process: verification runs once per
// request, but a MySQL pool per call would pay a TCP and auth handshake every time.
const pools = new WeakMap<Env, Map<string, DbHandle<any>>>();

/**
 * What the business holds about the person at a verified e-mail address: the data map's
 * `identity` dataset (11 CCR 7060(a), 7062(b)-(c): match against data the business already
 * holds and judged reliable). Returns every record the address stands for, usually one; an empty
 * list when the business has no identity record for it, e.g. a marketing lead who never had an
 * account. The caller treats "no record" exactly like "no match": the requester is never told
 * which (X25).
 *
 * sql sources are queried directly for the identity columns only; http and file sources go
 * through their connector's e-mail lookup. Nothing is logged but counts.
 */
export async function findIdentityRecord(ctx: AppContext, input: { email: string }): Promise<HeldIdentity[]> {
  const email = input.email.trim().toLowerCase();
  const { map, baseDir } = await getDatamap(ctx);
  const { identity } = map;
  const source = map.sources.find((s) => s.id === identity.source);
  if (!source) throw new Error(`identity source ${identity.source} is not in the data map`);
  const columns = Object.fromEntries(Object.entries(identity.fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"));

  const rows = source.kind === "sql" ? await readSqlIdentity(ctx, source, identity, columns, email) : await readByConnector(ctx, source, identity, columns, email, baseDir);
  ctx.logger.debug({ source: source.id, records: rows.length }, "identity records looked up");
  return rows.map((row) => toHeldIdentity(row, email));
}

async function readSqlIdentity(ctx: AppContext, source: Extract<Source, { kind: "sql" }>, identity: Identity, columns: Record<string, string>, email: string) {
  const dataset = source.datasets.find((d) => d.id === identity.dataset);
  if (!dataset) throw new Error(`identity dataset ${identity.dataset} is not in source ${source.id}`);
  const url = sourceEnvironment(ctx.env)[source.connection.urlEnv];
  if (typeof url !== "string" || url === "") throw new Error(`environment variable ${source.connection.urlEnv} is not set`);
  let byUrl = pools.get(ctx.env);
  if (!byUrl) pools.set(ctx.env, (byUrl = new Map()));
  let handle = byUrl.get(url);
  if (!handle) byUrl.set(url, (handle = openDb<any>(url)));
  return findIdentityRows(handle.db, { table: dataset.table, emailColumn: identity.fields.email, columns, email });
}

async function readByConnector(ctx: AppContext, source: Source, identity: Identity, columns: Record<string, string>, email: string, baseDir: string) {
  const dataset = source.datasets.find((d) => d.id === identity.dataset);
  if (!dataset) throw new Error(`identity dataset ${identity.dataset} is not in source ${source.id}`);
  const connector = await openConnector(source, { env: sourceEnvironment(ctx.env), baseDir });
  const rows: Record<string, unknown>[] = [];
  try {
    const lookup = new Map([["email", new Set([email])]]);
    for await (const batch of connector.fetch(dataset, { lookup, known: null, window: null, columns: "all" })) {
      for (const row of batch) {
        // The connector's lookup may be looser than ours (another identifier column): keep exact address matches only.
        if (String(row.values[identity.fields.email] ?? "").trim().toLowerCase() !== email) continue;
        rows.push(Object.fromEntries(Object.entries(columns).map(([point, column]) => [point, row.values[column]])));
      }
      if (rows.length >= MAX_IDENTITY_ROWS) break;
    }
  } finally {
    await connector.close();
  }
  return rows.slice(0, MAX_IDENTITY_ROWS);
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === "" ? null : s;
}

function toHeldIdentity(row: Record<string, unknown>, email: string): HeldIdentity {
  const fullName = text(row.fullName) ?? ([text(row.firstName), text(row.lastName)].filter(Boolean).join(" ") || null);
  const street = text(row.street);
  return {
    email: text(row.email) ?? email,
    phone: text(row.phone),
    fullName,
    postalAddress: street ? { street, city: text(row.city), state: text(row.state), postalCode: text(row.postalCode) } : null,
    dateOfBirth: text(row.dateOfBirth),
    customerNumber: text(row.customerNumber),
  };
}

/** Closes the pools opened for `env` (tests, and a graceful shutdown). */
export async function closeIdentitySources(env: Env): Promise<void> {
  const byUrl = pools.get(env);
  pools.delete(env);
  await Promise.all([...(byUrl?.values() ?? [])].map((handle) => handle.db.destroy()));
}

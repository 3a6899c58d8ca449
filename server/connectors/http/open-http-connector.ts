import { createHash } from "node:crypto";
import type { SourceEnv } from "../../datamap/cross-check-datamap";
import type { HttpDataset } from "../../datamap/dataset-schema";
import type { HttpSource } from "../../datamap/datamap-schema";
import { ConnectorError, type FetchRequest, type SafeRow, type SourceConnector } from "../connector-types";
import { datasetColumns } from "../dataset-columns";
import { matchRow } from "../match-row";
import { readJsonPointer } from "../read-json-pointer";
import { readSafeValues } from "../read-safe-values";
import { fetchJsonWithRetry } from "./fetch-json-with-retry";

const DEFAULTS = { timeoutMs: 10_000, retries: 2, maxPages: 1000 };

/**
 * A connector for a JSON API (a service provider's or contractor's system: 11 CCR 7024(i) makes
 * their data part of the answer). One GET per looked-up value, following cursor or next-link
 * pagination; the base URL and the auth header come from the environment, never from the map.
 */
export async function openHttpConnector(source: HttpSource, options: { env: SourceEnv }): Promise<SourceConnector> {
  const base = options.env[source.connection.urlEnv];
  let origin: string;
  try {
    origin = new URL(String(base)).origin;
  } catch {
    throw new ConnectorError("SOURCE_URL_INVALID", `environment variable ${source.connection.urlEnv} does not hold a usable URL`);
  }
  const headers: Record<string, string> = {};
  if (source.connection.authHeaderEnv) headers[source.connection.authHeaderName ?? "authorization"] = String(options.env[source.connection.authHeaderEnv] ?? "");
  const context = { base: String(base).replace(/\/+$/, ""), origin, headers };
  return {
    fetch: (dataset, request) => fetchRecords(context, dataset as HttpDataset, request),
    // An API has no schema to introspect; `rtk datamap check` probes that it answers.
    inspect: async () => [],
    close: async () => {},
  };
}

async function* fetchRecords(context: { base: string; origin: string; headers: Record<string, string> }, dataset: HttpDataset, request: FetchRequest): AsyncGenerator<SafeRow[]> {
  const settings = { ...DEFAULTS, ...dataset.request };
  const columns = datasetColumns(dataset, request.columns);
  const seen = new Set<string>();
  for (const lookup of dataset.lookups ?? []) {
    const template = lookup.url ?? dataset.request.url!;
    for (const value of request.lookup.get(lookup.identifier) ?? []) {
      let url: string | null = context.base + template.replace(`{${lookup.identifier}}`, encodeURIComponent(value));
      const first = url;
      const visited = new Set<string>();
      for (let page = 1; url !== null; page += 1) {
        if (page > settings.maxPages || visited.has(url)) throw new ConnectorError("HTTP_PAGINATION", `dataset ${dataset.id}: pagination did not end after ${page - 1} page(s)`);
        visited.add(url);
        const result = await fetchJsonWithRetry(url, { headers: context.headers, timeoutMs: settings.timeoutMs, retries: settings.retries, notFoundMeansNoRecords: settings.notFoundMeansNoRecords ?? false, what: `dataset ${dataset.id}` });
        if (!result.found) break;
        const records = readJsonPointer(result.body, settings.records);
        if (!Array.isArray(records)) throw new ConnectorError("HTTP_BAD_SHAPE", `dataset ${dataset.id}: ${settings.records || "the body"} is not an array`);
        const rows: SafeRow[] = [];
        for (const record of records) {
          if (record === null || typeof record !== "object") continue;
          const values = readSafeValues(dataset, columns, (name, field) => readJsonPointer(record, field.pointer ?? `/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`), {
            strictKeys: dataset.undeclaredKeys === "ignore" ? undefined : Object.keys(record),
          });
          if (!matchRow(dataset, values, request, true)) continue;
          const key = dataset.primaryKey ? String(values[dataset.primaryKey]) : createHash("sha256").update(JSON.stringify(values)).digest("hex").slice(0, 32);
          if (seen.has(key)) continue;
          seen.add(key);
          rows.push({ key, values });
        }
        if (rows.length > 0) yield rows;
        url = nextUrl(result.body, first, url, dataset, context.origin);
      }
    }
  }
}

function nextUrl(body: unknown, first: string, current: string, dataset: HttpDataset, origin: string): string | null {
  const pagination = dataset.request.pagination;
  if (!pagination) return null;
  const next = readJsonPointer(body, pagination.next);
  if (next === null || next === undefined || next === "") return null;
  if (pagination.type === "cursor") {
    const url = new URL(first);
    url.searchParams.set(pagination.param, String(next));
    return url.toString();
  }
  const url = new URL(String(next), current);
  // The auth header must never travel to another host, whatever a response says.
  if (url.origin !== origin) throw new ConnectorError("HTTP_FOREIGN_LINK", `dataset ${dataset.id}: next link points to another origin`);
  return url.toString();
}

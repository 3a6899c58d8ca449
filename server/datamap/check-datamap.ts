import type { Kysely } from "kysely";
import type { DialectName } from "../../db/client";
import { ConnectorError } from "../connectors/connector-types";
import { openConnector } from "../connectors/open-connector";
import { errorCode } from "../lib/errors";
import type { SourceEnv } from "./cross-check-datamap";
import { issueAt, type DatamapIssue } from "./datamap-error";
import type { LoadedDatamap } from "./load-datamap";
import { probeHttpSource } from "./probe-http-source";
import { warnSensitiveUses } from "./warn-sensitive-uses";

export interface DatamapCheckResult {
  ok: boolean;
  problems: DatamapIssue[];
  /** Valid but questionable: sensitive fields used beyond 11 CCR 7027(m) (warnSensitiveUses), and
   * lookups no index serves, with the CREATE INDEX that would (ADR 024). */
  warnings: DatamapIssue[];
  /** One line per source that passed, for the operator (counts, no data). */
  notes: string[];
}

/**
 * Validates a loaded map against the LIVE sources (`rtk datamap check`): every declared table and
 * column exists and every live one is declared (sql, by introspection), every API answers (http),
 * every export is readable with exactly the declared columns (file). Run it after each schema
 * change: a collection refuses a drifted source, so a request would otherwise wait on it.
 */
export async function checkDatamap(
  loaded: LoadedDatamap,
  options: { env: SourceEnv; handles?: Readonly<Record<string, { db: Kysely<any>; dialect: DialectName }>>; probeTimeoutMs?: number },
): Promise<DatamapCheckResult> {
  const problems: DatamapIssue[] = [];
  const notes: string[] = [];
  const warnings: DatamapIssue[] = [];
  for (const [si, source] of loaded.map.sources.entries()) {
    // A source the schema refused (a partial map from DatamapError.checkable) is left out.
    if (!source) continue;
    const before = problems.length;
    if (source.kind === "http") {
      const problem = await probeHttpSource(source, options.env, options.probeTimeoutMs);
      if (problem) problems.push(issueAt(["sources", si, "connection", "urlEnv"], problem));
    }
    let connector;
    try {
      connector = await openConnector(source, { env: options.env, baseDir: loaded.baseDir, handles: options.handles });
      for (const issue of await connector.inspect()) problems.push(issueAt(["sources", si, ...issue.path], issue.message));
      for (const issue of (await connector.lookupWarnings?.()) ?? []) warnings.push(issueAt(["sources", si, ...issue.path], issue.message));
    } catch (error) {
      // A ConnectorError's message names map places and settings only (an unsupported URL scheme
      // and the supported ones); a driver's may carry a host or user: only its code is shown.
      const reason = error instanceof ConnectorError ? `${error.code}: ${error.message}` : errorCode(error);
      problems.push(issueAt(["sources", si, "connection"], `cannot open the source (${reason})`));
    } finally {
      await connector?.close().catch(() => {});
    }
    if (problems.length === before) {
      notes.push(`sources[${si}] ${source.id} (${source.kind}): ${source.kind === "files" ? "the file store exists and is readable" : `${source.datasets.length} dataset(s) match the live source`}`);
    }
  }
  return { ok: problems.length === 0, problems, warnings: [...warnings, ...warnSensitiveUses(loaded.map)], notes };
}

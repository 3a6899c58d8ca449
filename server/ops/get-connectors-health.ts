import { countSourceFailuresSince, findLastSourceRuns } from "../connectors/source-runs.repository";
import type { AppContext } from "../context";
import { checkDatamap } from "../datamap/check-datamap";
import type { DatamapIssue } from "../datamap/datamap-error";
import { getDatamap } from "../datamap/get-datamap";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import type { SourceStatus } from "../collection/collection-types.shared";
import { fromDbTime, toDbTime } from "../lib/clock";

export const FAILURE_WINDOW_DAYS = 7;

export interface ConnectorLastRun {
  /** UTC ISO-8601. */
  at: string;
  status: SourceStatus;
  records: number;
  durationMs: number;
  errorCode: string | null;
}

export interface ConnectorHealth {
  id: string;
  label: string;
  kind: "sql" | "http" | "file" | "files";
  lastRun: ConnectorLastRun | null;
  /** Failed or timed-out runs in the last FAILURE_WINDOW_DAYS days. */
  recentFailures: number;
}

export interface ConnectorCheck {
  id: string;
  label: string;
  ok: boolean;
  /** Places in the data map that do not match the live source (`rtk datamap check`). */
  issues: DatamapIssue[];
}

export interface ConnectorsCheckResult {
  ok: boolean;
  /** UTC ISO-8601. */
  checkedAt: string;
  sources: ConnectorCheck[];
  /** Problems not tied to one source (none today; kept so none is ever dropped). */
  other: DatamapIssue[];
}

function asStatus(value: string): SourceStatus {
  return value === "ok" || value === "timed_out" ? value : "failed";
}

/**
 * Each source of the data map, with its last collection run and its recent failures (issue 7):
 * ids, counts and error codes only, read from source_runs, which never holds personal data.
 */
export async function getConnectorsHealth(ctx: AppContext, now: Date = new Date()): Promise<ConnectorHealth[]> {
  const sources = (await getDatamap(ctx)).map.sources;
  const last = await findLastSourceRuns(
    ctx.db,
    sources.map((s) => s.id),
  );
  const failures = await countSourceFailuresSince(ctx.db, toDbTime(new Date(now.getTime() - FAILURE_WINDOW_DAYS * 24 * 60 * 60 * 1000)));
  return sources.map((source) => {
    const run = last.get(source.id);
    return {
      id: source.id,
      label: source.label.en,
      kind: source.kind,
      lastRun: run
        ? {
            at: fromDbTime(run.created_at).toISOString(),
            status: asStatus(run.status),
            records: Number(run.records),
            durationMs: Number(run.duration_ms),
            errorCode: run.error_code,
          }
        : null,
      recentFailures: failures.get(source.id) ?? 0,
    };
  });
}

/**
 * The live `datamap check`, on demand: every source's declared tables, columns, APIs and exports
 * against what is really there, issues grouped by source. Slow (it opens every source), so only a
 * person pressing "Check now" starts it.
 */
export async function runConnectorsCheck(ctx: AppContext, now: Date = new Date()): Promise<ConnectorsCheckResult> {
  const loaded = await getDatamap(ctx);
  const result = await checkDatamap(loaded, { env: sourceEnvironment(ctx.env) });
  const claimed = new Set<DatamapIssue>();
  const sources = loaded.map.sources.map((source, si): ConnectorCheck => {
    const prefix = `sources[${si}]`;
    const issues = result.problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`));
    for (const issue of issues) claimed.add(issue);
    return { id: source.id, label: source.label.en, ok: issues.length === 0, issues };
  });
  return { ok: result.ok, checkedAt: now.toISOString(), sources, other: result.problems.filter((p) => !claimed.has(p)) };
}

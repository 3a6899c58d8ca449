import type { LocalizedText } from "../categories/ccpa-categories.shared";
import { errorCode } from "../lib/errors";
import type { Logger } from "../lib/logger";
import type { SourceRun } from "./collection-types.shared";

export interface SourceRunTracker {
  /** Runs `work` for a source, adding its duration; a throw fails the source instead of the collection. */
  time(sourceId: string, work: () => Promise<void>): Promise<void>;
  fail(sourceId: string, error: unknown): void;
  isFailed(sourceId: string): boolean;
  addRecords(sourceId: string, count: number): void;
  runs(): SourceRun[];
}

/**
 * Per-source bookkeeping (status, records, time, error code). A source that fails or times out
 * stays failed for the rest of the collection, and its status makes the result incomplete: it is
 * never released as if it were whole (11 CCR 7024(h)-(i); X22). Errors are logged by code only,
 * because driver messages can quote the SQL values, which are the person's identifiers.
 */
export function trackSourceRuns(sources: readonly { id: string; label: LocalizedText }[], logger: Logger): SourceRunTracker {
  const runs = new Map<string, SourceRun>(sources.map((s) => [s.id, { sourceId: s.id, label: s.label, status: "ok", records: 0, durationMs: 0 }]));
  const run = (id: string) => runs.get(id)!;
  const tracker: SourceRunTracker = {
    async time(sourceId, work) {
      const started = performance.now();
      try {
        await work();
      } catch (error) {
        tracker.fail(sourceId, error);
      } finally {
        run(sourceId).durationMs += Math.round(performance.now() - started);
      }
    },
    fail(sourceId, error) {
      const entry = run(sourceId);
      if (entry.status !== "ok") return;
      entry.errorCode = errorCode(error);
      entry.status = entry.errorCode === "ETIMEDOUT" ? "timed_out" : "failed";
      logger.warn({ sourceId, status: entry.status, errorCode: entry.errorCode }, "source failed during collection");
    },
    isFailed: (sourceId) => run(sourceId).status !== "ok",
    addRecords(sourceId, count) {
      run(sourceId).records += count;
    },
    runs: () => [...runs.values()].map((r) => ({ ...r })),
  };
  return tracker;
}

import fs from "node:fs";
import type { CollectionSummary, SpoolRecord } from "../collection/collection-types.shared";
import { getReportKey } from "../delivery/report-key";
import type { Env } from "../env";
import { spoolPaths } from "../pipeline/spool-paths";
import { openSpoolFile } from "../reports/open-spool-file";
import type { SpoolLines, SpoolSlice } from "../reports/spool-source";

/**
 * Every access the review desk makes to a request's spool and the files kept beside it, in one
 * place. The spool is encrypted at rest in seekable segments (ADR 035): openSpoolFile decrypts
 * only the segments a read touches. Offsets here are plaintext byte offsets of record lines, as
 * openSpoolFile's scan() reports them.
 */

export interface SpoolFiles {
  spool: string;
  summary: string;
  /** The key the spool is encrypted with (the reports' key, ADR 035). */
  key: Buffer;
}

/** A request's spool files and key, as the review desk reads them. */
export function reviewSpoolFiles(env: Env, requestId: string): SpoolFiles {
  const { spool, summary } = spoolPaths(env, requestId);
  return { spool, summary, key: getReportKey(env) };
}

export interface ScannedSpoolRecord {
  record: SpoolRecord;
  /** Plaintext byte offset of the record's line. */
  start: number;
}

/** Whether collection left a spool and its summary (both are deleted once the disclosure is stored). */
export function spoolIsAvailable(files: SpoolFiles): boolean {
  return fs.existsSync(files.spool) && fs.existsSync(files.summary);
}

export async function readSpoolSummary(files: SpoolFiles): Promise<CollectionSummary> {
  return JSON.parse(await fs.promises.readFile(files.summary, "utf8")) as CollectionSummary;
}

/** Identifies one version of the spool: an index built for another is stale. */
export async function spoolVersion(files: SpoolFiles): Promise<string> {
  const stat = await fs.promises.stat(files.spool);
  return `${stat.size}:${Math.trunc(stat.mtimeMs)}`;
}

/**
 * Every record once, in spool order, with its offset; `gaps` collects the byte ranges between
 * records (dataset lines), so a later read from any offset can first learn the datasets.
 */
export async function* scanSpoolRecords(files: SpoolFiles, gaps?: SpoolSlice[]): AsyncGenerator<ScannedSpoolRecord> {
  let previousEnd = 0;
  for await (const { record, start, end } of openSpoolFile(files.spool, files.key).scan()) {
    if (gaps && start > previousEnd) gaps.push({ start: previousEnd, end: start });
    previousEnd = end;
    yield { record, start };
  }
}

/**
 * The whole spool as blocks of whole lines, undecoded (a search reads the bytes and decodes only
 * the lines that may match). `bytes` is valid until the next block; `datasets` is empty: the
 * caller decodes the dataset lines it meets into it.
 */
export function readSpoolLineBlocks(files: SpoolFiles): AsyncIterable<SpoolLines> {
  const source = openSpoolFile(files.spool, files.key);
  return source.readLines!([{ start: 0, end: Number.POSITIVE_INFINITY }]);
}

/**
 * The records from plaintext offset `start` on, in spool order, read lazily: a caller that stops
 * after one page reads one block, however large the spool. `gaps` (from scanSpoolRecords) are read
 * first for the dataset lines the records refer to; they hold no records. With `end`, the
 * read stops there: a line cut by it fails to decode, so a caller asks only for the lines it knows
 * end before it, or catches that and reads on.
 */
export async function* readSpoolRecordsFrom(files: SpoolFiles, input: { gaps: readonly SpoolSlice[]; start: number; end?: number }): AsyncGenerator<SpoolRecord> {
  const source = openSpoolFile(files.spool, files.key);
  // Only the dataset lines before `start`: those after it are met again while reading on.
  for await (const record of source.read(input.gaps.filter((gap) => gap.end <= input.start))) void record;
  yield* source.read([{ start: input.start, end: input.end ?? Number.POSITIVE_INFINITY }]);
}

/** The review index beside the spool (offsets and counts, no values: DESIGN.md §7). */
function indexPath(files: Pick<SpoolFiles, "spool">): string {
  return `${files.spool}.review-index.json`;
}

export async function readReviewIndexFile<T>(files: SpoolFiles): Promise<T | null> {
  try {
    return JSON.parse(await fs.promises.readFile(indexPath(files), "utf8")) as T;
  } catch {
    return null;
  }
}

/** Written to a temporary name and renamed, so a concurrent reader never sees half of it. Mode 600. */
export async function writeReviewIndexFile(files: SpoolFiles, index: unknown): Promise<void> {
  const target = indexPath(files);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  await fs.promises.writeFile(temporary, JSON.stringify(index), { mode: 0o600 });
  await fs.promises.rename(temporary, target);
}

/** Removed with the spool once the disclosure is stored. */
export async function removeReviewIndexFile(files: Pick<SpoolFiles, "spool">): Promise<void> {
  await fs.promises.rm(indexPath(files), { force: true });
}

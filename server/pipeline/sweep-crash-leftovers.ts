import fs from "node:fs";
import path from "node:path";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { findRequestStates, listLeasedJobPayloads } from "./crash-leftovers.repository";

/**
 * Long enough that nothing in progress is touched: a render writes its files continuously and a
 * collection its spool, so their newest change is seconds old; a staged temp file is renamed
 * within seconds. Crash leftovers are older.
 */
export const LEFTOVER_MIN_AGE_MS = 10 * 60 * 1000;
/** The states in which a request's spool is still needed (collection, review, rendering). */
const SPOOL_STATES = new Set(["collecting", "in_review", "approved"]);
const RENDER_DIR = /^render-([0-9a-z]{26})-/;
const SPOOL_FILE = /^([0-9a-z]{26})\.ndjson(\.summary\.json)?$/;
/** local-secret.ts and the outbox write `<name>.<pid>.<hex>` and `<name>.tmp` before renaming. */
const TEMP_FILE = /(\.tmp|\.\d+\.[0-9a-f]{8})$/;

export interface SweptLeftovers {
  renderDirs: number;
  spools: number;
  temps: number;
}

/**
 * Removes what a killed process leaves under DATA_DIR (issue 16 item 9): a render's folder
 * (`spool/render-<id>-*`: the plaintext disclosure.json, .pdf and JSON scratch files; the retry
 * renders into a new folder), spools of requests that no longer need them (delivered, denied,
 * cancelled, expired or deleted: the crash fell between storing the report and removing the
 * spool), and temp files of interrupted writes (outbox, keys). Encrypted report files are swept by
 * sweepOrphanReportFiles. Run at start-up and with the hourly retention sweep; idempotent.
 *
 * A render folder is kept while a worker holds a live lease on that request's render job, and
 * anything changed in the last LEFTOVER_MIN_AGE_MS is kept, so no work in progress is touched.
 */
export async function sweepCrashLeftovers(ctx: AppContext, input: { now: Date; minAgeMs?: number }): Promise<SweptLeftovers> {
  const cutoff = input.now.getTime() - (input.minAgeMs ?? LEFTOVER_MIN_AGE_MS);
  const spoolDir = path.join(ctx.env.DATA_DIR, "spool");
  const result: SweptLeftovers = { renderDirs: 0, spools: 0, temps: 0 };
  const entries = await readDir(spoolDir);

  const renders = entries.filter((e) => e.isDirectory() && RENDER_DIR.test(e.name));
  if (renders.length > 0) {
    const leased = new Set<string>();
    for (const payload of await listLeasedJobPayloads(ctx.db, { kind: "render_disclosure", now: toDbTime(input.now) })) {
      const id = (JSON.parse(payload) as { requestId?: unknown }).requestId;
      if (typeof id === "string") leased.add(id);
    }
    for (const entry of renders) {
      const dir = path.join(spoolDir, entry.name);
      if (leased.has(RENDER_DIR.exec(entry.name)![1]!) || (await newestChange(dir)) >= cutoff) continue;
      await fs.promises.rm(dir, { recursive: true, force: true });
      result.renderDirs += 1;
    }
  }

  const spools = entries.filter((e) => e.isFile() && SPOOL_FILE.test(e.name));
  const states = await findRequestStates(ctx.db, [...new Set(spools.map((e) => SPOOL_FILE.exec(e.name)![1]!))]);
  for (const entry of spools) {
    const state = states.get(SPOOL_FILE.exec(entry.name)![1]!);
    if (state !== undefined && SPOOL_STATES.has(state)) continue;
    const file = path.join(spoolDir, entry.name);
    if ((await newestChange(file)) >= cutoff) continue;
    await fs.promises.rm(file, { force: true });
    result.spools += 1;
  }

  for (const folder of ["outbox", "keys"]) {
    const dir = path.join(ctx.env.DATA_DIR, folder);
    for (const entry of await readDir(dir)) {
      if (!entry.isFile() || !TEMP_FILE.test(entry.name)) continue;
      const file = path.join(dir, entry.name);
      if ((await newestChange(file)) >= cutoff) continue;
      await fs.promises.rm(file, { force: true });
      result.temps += 1;
    }
  }
  if (result.renderDirs + result.spools + result.temps > 0) ctx.logger.info({ ...result }, "crash leftovers removed");
  return result;
}

async function readDir(dir: string): Promise<fs.Dirent[]> {
  try {
    return await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** The latest mtime of a file, or of a folder and everything in it (-Infinity when it is gone). */
async function newestChange(target: string): Promise<number> {
  const stat = await fs.promises.lstat(target).catch(() => null);
  if (!stat) return -Infinity;
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) for (const entry of await readDir(target)) newest = Math.max(newest, await newestChange(path.join(target, entry.name)));
  return newest;
}

import fs from "node:fs";
import path from "node:path";
import type { AppContext } from "../context";
import { DISK_TEMP_PREFIX, reportsDir } from "./disk-report-storage";
import { findReferencedDiskKeys } from "./reports.repository";

/** Older than any write in progress: a staged file is renamed and committed within seconds. */
const MIN_AGE_MS = 60 * 60 * 1000;
const KEY_FILE = /^[0-9a-z]{26}$/;

/**
 * Removes encrypted report files that no live `reports` row points at: temp files of interrupted
 * writes, and files left when a crash fell between a replacing commit and the old file's deletion.
 * They are ciphertext, but a disclosure should not outlive its download window (1798.100(a)(3)).
 * Files younger than an hour are left alone so a store in progress is never touched.
 */
export async function sweepOrphanReportFiles(ctx: AppContext, input: { now: Date }): Promise<number> {
  const dir = reportsDir(ctx.env.DATA_DIR);
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const cutoff = input.now.getTime() - MIN_AGE_MS;
  const old: string[] = [];
  for (const name of names) {
    if (!name.startsWith(DISK_TEMP_PREFIX) && !KEY_FILE.test(name)) continue;
    const stat = await fs.promises.stat(path.join(dir, name)).catch(() => null);
    if (stat?.isFile() && stat.mtimeMs < cutoff) old.push(name);
  }

  let removed = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const live = await findReferencedDiskKeys(ctx.db, batch.filter((name) => KEY_FILE.test(name)));
    for (const name of batch) {
      if (live.has(name)) continue;
      await fs.promises.rm(path.join(dir, name), { force: true });
      removed += 1;
    }
  }
  if (removed) ctx.logger.info({ removed }, "orphan report files removed");
  return removed;
}

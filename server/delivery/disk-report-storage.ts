import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { newId } from "../lib/ids";
import type { ReportStorage } from "./report-storage";

/** Temp files start with this, so an orphan sweep can tell an interrupted write from a report. */
export const DISK_TEMP_PREFIX = ".tmp-";
// Keys are made by newId(); anything else in a row (a tampered storage_key) must not become a path.
const KEY_PATTERN = /^[0-9a-z]{26}$/;

export function reportsDir(dataDir: string): string {
  return path.join(dataDir, "reports");
}

function fileFor(dir: string, storageKey: string): string {
  if (!KEY_PATTERN.test(storageKey)) throw new Error("invalid report storage key");
  return path.join(dir, storageKey);
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Reports as files under DATA_DIR/reports/<random key>, mode 600 in a mode-700 folder. A blob is
 * written to a temp file, flushed, then renamed: a crash leaves a whole report or a temp file the
 * orphan sweep removes, never a half-written report under a live key.
 */
export function createDiskReportStorage(dataDir: string): ReportStorage {
  const dir = reportsDir(dataDir);
  return {
    kind: "disk",
    async stage({ blob }) {
      await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
      const storageKey = newId();
      const file = fileFor(dir, storageKey);
      const temp = path.join(dir, `${DISK_TEMP_PREFIX}${storageKey}`);
      try {
        await pipeline(Readable.from(blob), fs.createWriteStream(temp, { flags: "wx", mode: 0o600, flush: true }));
        await fs.promises.rename(temp, file);
        await fsyncDir(dir);
      } catch (error) {
        await fs.promises.rm(temp, { force: true });
        throw error;
      }
      return {
        storageKey,
        async commit() {
          // The file is already in place; the reports row committed with it is what makes it live.
        },
        async release(committed) {
          if (!committed) await fs.promises.rm(file, { force: true });
        },
      };
    },
    read(_db, storageKey) {
      return fs.createReadStream(fileFor(dir, storageKey), { highWaterMark: 256 * 1024 });
    },
    async remove(_db, storageKey) {
      await fs.promises.rm(fileFor(dir, storageKey), { force: true });
    },
  };
}

import fs from "node:fs";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

/**
 * Makes DATA_DIR private before anything is written to it (issue 16 item 4): the embedded database,
 * its -wal/-shm, the outbox, keys, reports and spools hold personal data or secrets, and with the
 * common umask 022 they were created world-readable (portal.sqlite 644, data/ 755).
 *
 * - The process umask becomes 077, so every file and folder this process creates afterwards
 *   (SQLite's own files included, which take no mode from us) is 600/700 whatever the shell had.
 * - DATA_DIR is created 700, and what an older install left there (its top-level files and the
 * portal's folders: spool, reports, keys, outbox, authorizations) is tightened: folders 700,
 *   files 600. Symbolic links are left alone (never followed out of DATA_DIR).
 */
export function protectDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dataDir);
  // A shared folder (/tmp and its like: the sticky bit) is never the portal's to lock down: its
  // other users' files would become unreadable to them. Refuse it rather than chmod it.
  if ((stat.mode & 0o1000) !== 0) throw new Error(`DATA_DIR (${dataDir}) is a shared folder (like /tmp); give the portal a folder of its own`);
  // Worker threads cannot change the umask; their main thread did.
  if (isMainThread) process.umask(0o077);
  // A DATA_DIR someone else owns (a shared folder by mistake) is not ours to change, nor to walk.
  if (typeof process.getuid === "function" && stat.uid !== process.getuid()) return;
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(dataDir, 0o700);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    const target = path.join(dataDir, entry.name);
    // The portal's own files at the top (portal.sqlite*, demo-business.sqlite*) and its folders,
    // never other folders someone keeps there.
    if (entry.isFile() || (entry.isDirectory() && PORTAL_FOLDERS.has(entry.name))) tighten(target, fs.lstatSync(target));
  }
}

const PORTAL_FOLDERS = new Set(["spool", "reports", "keys", "outbox", "authorizations"]);

function tighten(target: string, stat: fs.Stats): void {
  if (stat.isDirectory()) {
    if ((stat.mode & 0o077) !== 0) fs.chmodSync(target, 0o700);
    for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
      if (entry.isSymbolicLink()) continue;
      const child = path.join(target, entry.name);
      try {
        tighten(child, fs.lstatSync(child));
      } catch (error) {
        // A file another process removed meanwhile (a finished spool, a sent outbox message).
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  } else if (stat.isFile() && (stat.mode & 0o077) !== 0) {
    fs.chmodSync(target, stat.mode & 0o700);
  }
}

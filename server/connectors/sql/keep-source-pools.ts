import { openDb, type DbHandle } from "../../../db/client";

/** Source databases a long-lived process keeps open between collections (see keepSourcePools). */
export interface SourcePools {
  /**
   * The kept handle for a PostgreSQL or MySQL URL (opened at its first use), held until release(url);
   * undefined for SQLite (nothing to release).
   */
  handle(url: string): DbHandle<any> | undefined;
  /** The collection that took the URL's handle is done with it. */
  release(url: string): void;
  /** Open pools (tests, health). */
  size(): number;
  /** Ends every kept pool. */
  close(): Promise<void>;
}

/**
 * PostgreSQL and MySQL/MariaDB source pools kept by a long-lived process (the worker) from one
 * collection to the next, as a web server keeps its database pool. Opening them per collection
 * cost a new connection (a new backend process on PostgreSQL, whose catalog caches start cold)
 * and a pool's first round trips: measured on the heavy demo person on PostgreSQL, 690-770 ms a
 * collection against 445-450 ms with a kept pool (issue 14 item 4, ADR 064).
 *
 * SQLite sources are not kept: opening a file costs a millisecond, and a kept handle would go on
 * reading a file that an export job replaced (renamed over) since, the old one, for ever.
 * At most `max` URLs are kept (the least recently used one no collection holds is closed first)
 * and a pool no collection has held for `idleMs` is closed, so a process that saw many sources
 * (tests, a map edited while running) does not hold their connections; a pool in use is never
 * closed under its collection, however long that runs. A pool whose server went away fails its next query, which
 * fails that source's run as before (the job retries); the pool reconnects by itself.
 */
export function keepSourcePools({ max = 4, idleMs = 60_000 }: { max?: number; idleMs?: number } = {}): SourcePools {
  const kept = new Map<string, { handle: DbHandle<any>; users: number; timer?: NodeJS.Timeout }>();
  const drop = (url: string): void => {
    const entry = kept.get(url);
    if (!entry || entry.users > 0) return;
    kept.delete(url);
    clearTimeout(entry.timer);
    void entry.handle.db.destroy().catch(() => {});
  };
  return {
    handle(url) {
      if (/^sqlite:/i.test(url)) return undefined;
      let entry = kept.get(url);
      if (entry) {
        clearTimeout(entry.timer);
        // The most recently used goes last (a Map keeps insertion order).
        kept.delete(url);
      } else {
        const idle = [...kept].find(([, e]) => e.users === 0);
        if (kept.size >= Math.max(1, max) && idle) drop(idle[0]);
        entry = { handle: openDb<any>(url), users: 0 };
      }
      entry.users += 1;
      kept.set(url, entry);
      return entry.handle;
    },
    release(url) {
      const entry = kept.get(url);
      if (!entry || entry.users === 0) return;
      entry.users -= 1;
      if (entry.users === 0) entry.timer = setTimeout(() => drop(url), idleMs).unref();
    },
    size: () => kept.size,
    async close() {
      const all = [...kept.values()];
      kept.clear();
      for (const entry of all) clearTimeout(entry.timer);
      await Promise.all(all.map((entry) => entry.handle.db.destroy().catch(() => {})));
    },
  };
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../../../db/client";

/**
 * SQLite only, on purpose: this is the SQLite connection set-up of db/client.ts (ADR 017). MySQL
 * has row locks and no single write lock; the same race there is covered on both dialects by
 * tests/integration/jobs/multi-worker.test.ts with real worker processes.
 */
describe("SQLite transactions from db/client.ts", () => {
  const handles: DbHandle<unknown>[] = [];
  let dir = "";
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.db.destroy()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("[OPS]: a transaction that reads then writes holds the write lock from its start, so another process cannot make it fail", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-lock-"));
    const url = `sqlite:${path.join(dir, "portal.sqlite")}`;
    const [worker, other] = [openDb(url), openDb(url)];
    handles.push(worker, other);
    await sql`create table t (n integer)`.execute(worker.db);
    // The other connection stands in for a second process. Both share this thread, so it must
    // fail at once rather than wait (busy_timeout would block the thread the lock holder needs).
    await sql`pragma busy_timeout = 0`.execute(other.db);

    let intruder = "";
    await worker.db.transaction().execute(async (tx) => {
      await sql`select count(*) from t`.execute(tx);
      intruder = await sql`insert into t values (2)`.execute(other.db).then(
        () => "wrote",
        (error: { code?: string }) => error.code ?? "error",
      );
      // With a deferred BEGIN the intruder's commit made this write fail with SQLITE_BUSY_SNAPSHOT.
      await sql`insert into t values (1)`.execute(tx);
    });

    expect(intruder).toBe("SQLITE_BUSY");
    expect((await sql<{ n: number }>`select n from t`.execute(worker.db)).rows).toEqual([{ n: 1 }]);
  });
});

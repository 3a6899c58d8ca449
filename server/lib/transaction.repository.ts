import { setTimeout as sleep } from "node:timers/promises";
import type { AppContext } from "../context";
import { isDeadlock } from "./db-errors";

const DEADLOCK_RETRIES = 3;

/**
 * Runs `fn` in one read-write transaction and hands it a context whose `db` is that transaction,
 * so every service and repository called inside writes atomically (DESIGN.md §7: a request, its
 * event, its audit row and its jobs are committed together or not at all).
 *
 * - Already inside a transaction (`ctx.db.isTransaction`): joins it; the outer caller commits.
 * - SQLite: the connection begins every transaction IMMEDIATE (db/client.ts, ADR 017), so it
 *   holds the write lock from the start and a read-then-write body cannot fail with
 *   SQLITE_BUSY_SNAPSHOT when another process (a worker, a second web process) commits meanwhile.
 * - MySQL/MariaDB: a deadlock victim is rolled back entirely by InnoDB; the whole function runs
 *   again, up to 3 times. `fn` must therefore have no side effects outside the database.
 *
 * @example
 * await runInWriteTransaction(ctx, async (tx) => {
 *   await insertRequest(tx.db, row);
 *   await recordAuditEvent(tx, { action: "request.received", ... });
 * });
 */
export async function runInWriteTransaction<T>(ctx: AppContext, fn: (tx: AppContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx }));
    } catch (error) {
      if (!isDeadlock(error) || attempt >= DEADLOCK_RETRIES) throw error;
      ctx.logger.warn({ attempt }, "transaction deadlocked; retrying");
      await sleep(5 + Math.floor(Math.random() * 20 * attempt));
    }
  }
}

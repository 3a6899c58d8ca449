import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import type { AppContext } from "../context";
import { isDeadlock } from "./db-errors";

const DEADLOCK_RETRIES = 3;

/**
 * Runs `fn` in one read-write transaction and hands it a context whose `db` is that transaction,
 * so every service and repository called inside writes atomically (DESIGN.md §7: a request, its
 * event, its audit row and its jobs are committed together or not at all).
 *
 * - Already inside a transaction (`ctx.db.isTransaction`): joins it; the outer caller commits.
 * - SQLite: the first statement is a write that changes nothing. It takes the database's write
 *   lock up front (BEGIN IMMEDIATE semantics, honouring busy_timeout). Without it, a transaction
 *   that reads first and writes later fails with SQLITE_BUSY_SNAPSHOT whenever another process
 *   (the worker, a second web process) committed in between, and busy_timeout does not apply to
 *   that error.
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
      return await ctx.db.transaction().execute(async (trx) => {
        if (ctx.dialect === "sqlite") await sql`update requests set id = id where 0 = 1`.execute(trx);
        return fn({ ...ctx, db: trx });
      });
    } catch (error) {
      if (!isDeadlock(error) || attempt >= DEADLOCK_RETRIES) throw error;
      ctx.logger.warn({ attempt }, "transaction deadlocked; retrying");
      await sleep(5 + Math.floor(Math.random() * 20 * attempt));
    }
  }
}

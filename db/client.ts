import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { CompiledQuery, Kysely, MysqlDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type SqliteDialectConfig } from "kysely";
import { createPool, type Pool } from "mysql2";
import type pg from "pg";
import { mysqlSourceTypeCast } from "./mysql-type-cast";
import { openPostgres } from "./open-postgres";

/** postgres is for the business's sources only: the portal's own database is SQLite or MySQL (env.ts). */
export type DialectName = "sqlite" | "mysql" | "postgres";

/** The URL schemes openDb understands, for messages that say what would work. */
export const SUPPORTED_DATABASE_URLS = "sqlite:<file>, mysql://user:password@host:port/database, postgres:// or postgresql://user:password@host:port/database";

export interface DbHandle<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The URL with any password replaced by ***, safe for logs and error messages. */
  safeUrl: string;
}

/** The driver under a Kysely instance openDb made, for streaming compiled SQL without Kysely's per-row work. */
export type RawDriver = { kind: "sqlite"; database: SqliteDatabase.Database } | { kind: "mysql"; pool: Pool } | { kind: "postgres"; pool: pg.Pool };
const rawDrivers = new WeakMap<object, RawDriver>();

/** The driver of a Kysely instance made by openDb; undefined for others (a withPlugin() copy, a test double). */
export function rawDriverOf(db: object): RawDriver | undefined {
  return rawDrivers.get(db);
}

/** Hide the password of a connection URL; the rest (host, database) helps an operator find the problem. */
export function redactUrl(url: string): string {
  return url.replace(/^((?:mysql|postgres|postgresql):\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}

/**
 * Opens a Kysely instance for `sqlite:<file>`, `sqlite::memory:`, `mysql://user:pass@host:port/db`
 * or (a business's source only) `postgres://` / `postgresql://user:pass@host:port/db`.
 * SQLite is the embedded default (one file under DATA_DIR); MySQL/MariaDB is for production.
 * Throws an Error whose message names the URL (password redacted) when it is not usable.
 */
export function openDb<DB>(url: string): DbHandle<DB> {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (!file) throw new Error(`sqlite URL has no file: ${url}`);
    if (file !== ":memory:") {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
      // SQLite gives its -wal and -shm the database file's mode: a database made 600 keeps all
      // three private whatever the umask (issue 16 item 4); an older one is tightened.
      fs.closeSync(fs.openSync(path.resolve(file), "a", 0o600));
      for (const suffix of ["", "-wal", "-shm"]) {
        try {
          fs.chmodSync(path.resolve(file) + suffix, 0o600);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
      }
    }
    const database = new SqliteDatabase(file === ":memory:" ? ":memory:" : path.resolve(file));
    // WAL lets the in-process worker read while a request writes; busy_timeout waits instead of failing.
    database.pragma("journal_mode = WAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database }) });
    rawDrivers.set(db, { kind: "sqlite", database });
    return { db, dialect: "sqlite", safeUrl: url };
  }
  if (/^mysql:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`not a valid mysql:// URL: ${redactUrl(url)}`);
    }
    if (parsed.pathname.length <= 1) throw new Error(`mysql URL names no database: ${redactUrl(url)}`);
    const pool = createPool({
      uri: url,
      connectionLimit: 10,
      // UTC strings in, UTC strings out: the same representation SQLite stores (ADR 002).
      timezone: "Z",
      dateStrings: true,
      supportBigNumbers: true,
      charset: "utf8mb4_unicode_ci",
      connectTimeout: 5000,
      // DECIMAL and DATETIME of a source read the same as on PostgreSQL (ADR 023); the portal has neither.
      typeCast: mysqlSourceTypeCast,
    });
    // TIMESTAMP columns read in the session's zone: UTC, like every time this project writes (ADR 002).
    const onCreateConnection = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw("SET time_zone = '+00:00'"));
    };
    const db = new Kysely<DB>({ dialect: new MysqlDialect({ pool, onCreateConnection }) });
    rawDrivers.set(db, { kind: "mysql", pool });
    return { db, dialect: "mysql", safeUrl: redactUrl(url) };
  }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`not a valid postgres:// URL: ${redactUrl(url)}`);
    }
    if (parsed.pathname.length <= 1) throw new Error(`postgres URL names no database: ${redactUrl(url)}`);
    const { db, pool } = openPostgres<DB>(url);
    rawDrivers.set(db, { kind: "postgres", pool });
    return { db, dialect: "postgres", safeUrl: redactUrl(url) };
  }
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? "(no scheme)";
  // Only the scheme is repeated: an unknown URL form may carry a password where redactUrl cannot see it.
  throw new Error(`unsupported database URL scheme ${scheme} (supported: ${SUPPORTED_DATABASE_URLS})`);
}

/**
 * Every SQLite transaction starts with BEGIN IMMEDIATE (Kysely's driver sends a plain, deferred
 * BEGIN), so it takes the single write lock first and waits for it under busy_timeout. A deferred
 * transaction that reads and then writes fails at once when another process (a second worker, the
 * web process) holds the lock or committed since the read: SQLITE_BUSY without waiting, or
 * SQLITE_BUSY_SNAPSHOT. With two workers on one file that failed a stored report in one render
 * job out of 6-30, each then waiting out a retry backoff (ADR 017). Transactions here are for
 * writes; reads run outside them and are not serialised.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** One round trip, so a wrong password or an unreachable server stops start-up with a clear line. */
export async function pingDb<DB>(handle: DbHandle<DB>): Promise<void> {
  await sql`select 1`.execute(handle.db);
}

/** Reads a JSON column: SQLite returns text, mysql2 returns parsed objects for MariaDB JSON columns. */
export function parseJsonColumn<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

import { randomBytes } from "node:crypto";
import { createConnection } from "mysql2/promise";
import pg from "pg";
import type { Kysely } from "kysely";
import { openDb, type DbHandle, type DialectName } from "../../db/client";

export interface TestDatabase<DB> extends DbHandle<DB> {
  url: string;
  /** Closes the pool and drops the throwaway database. */
  cleanup(): Promise<void>;
}

export interface TestDialect {
  name: DialectName;
  create<DB>(): Promise<TestDatabase<DB>>;
}

const sqliteDialect: TestDialect = {
  name: "sqlite",
  async create<DB>() {
    const url = "sqlite::memory:";
    const handle = openDb<DB>(url);
    return { ...handle, url, cleanup: () => handle.db.destroy() };
  },
};

function mysqlDialect(baseUrl: string): TestDialect {
  return {
    name: "mysql",
    async create<DB>() {
      // One database per test file: Vitest runs files in parallel forks, and a shared schema would
      // let one file's rows leak into another's assertions.
      const base = new URL(baseUrl);
      const name = `${base.pathname.slice(1) || "app_test"}_${randomBytes(5).toString("hex")}`;
      const admin = await createConnection({ uri: `${base.protocol}//${base.username}:${base.password}@${base.host}/` });
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await admin.end();
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      const handle = openDb<DB>(url.toString());
      return {
        ...handle,
        url: url.toString(),
        async cleanup() {
          await (handle.db as Kysely<DB>).destroy();
          const conn = await createConnection({ uri: `${base.protocol}//${base.username}:${base.password}@${base.host}/` });
          await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
          await conn.end();
        },
      };
    },
  };
}

/**
 * The dialects every repository and integration test runs on: SQLite always, MySQL/MariaDB when
 * TEST_MYSQL_URL is set. Under CI=true a missing TEST_MYSQL_URL is an error, never a silent skip.
 */
export function testDialects(): TestDialect[] {
  const mysqlUrl = process.env.TEST_MYSQL_URL;
  if (!mysqlUrl && process.env.CI === "true") {
    throw new Error("CI=true but TEST_MYSQL_URL is not set: MySQL tests must run in CI");
  }
  return mysqlUrl ? [sqliteDialect, mysqlDialect(mysqlUrl)] : [sqliteDialect];
}

function postgresDialect(baseUrl: string): TestDialect {
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: "postgres",
    async create<DB>() {
      // One throwaway database per test file, as for MySQL; dropped (WITH FORCE: a pool may linger) after.
      const name = `rtk_test_${randomBytes(5).toString("hex")}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`));
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      const handle = openDb<DB>(url.toString());
      return {
        ...handle,
        url: url.toString(),
        async cleanup() {
          await (handle.db as Kysely<DB>).destroy();
          await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
        },
      };
    },
  };
}

/**
 * The dialects a business's SOURCE may run on, for connector and collection tests: SQLite always,
 * MySQL/MariaDB with TEST_MYSQL_URL, PostgreSQL with TEST_POSTGRES_URL (e.g.
 * postgres://postgres@127.0.0.1:5432/postgres). Under CI=true both are required. The portal's own
 * database never runs on PostgreSQL: repository tests use testDialects().
 */
export function sourceDialects(): TestDialect[] {
  const postgresUrl = process.env.TEST_POSTGRES_URL;
  if (!postgresUrl && process.env.CI === "true") {
    throw new Error("CI=true but TEST_POSTGRES_URL is not set: PostgreSQL source tests must run in CI");
  }
  return postgresUrl ? [...testDialects(), postgresDialect(postgresUrl)] : testDialects();
}

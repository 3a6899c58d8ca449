import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bootstrap, StartupError } from "../../../server/bootstrap";
import { checkSourcesOpen } from "../../../server/connectors/check-sources-open";
import { ConnectorError } from "../../../server/connectors/connector-types";
import { openSqlConnector } from "../../../server/connectors/sql/open-sql-connector";
import { parseEnv } from "../../../server/env";
import { demoMapObject } from "./fixtures";

// Issue 14 item 1 (bad input): an unsupported database URL says which kinds work; a source that
// cannot be opened stops the portal naming the source; an unreachable PostgreSQL stops `rtk
// collect` with one message before anything is written. Never the password (redactUrl).

const SECRET = "s3cret-Pa55";
const UNREACHABLE = `postgres://postgres:${SECRET}@127.0.0.1:1/nowhere`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-source-urls-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const demoSource = () => demoMapObject().sources[0];

describe("source database URLs", () => {
  it("[DATAMAP]: an unsupported scheme names the supported ones and the source, not the password", async () => {
    const error = await openSqlConnector(demoSource(), { env: { DEMO_SOURCE_URL: `oracle://app:${SECRET}@db.example/shop` } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe("SOURCE_URL_INVALID");
    const message = (error as Error).message;
    expect(message).toContain("source parlay_app");
    expect(message).toContain("DEMO_SOURCE_URL");
    expect(message).toContain("unsupported database URL scheme oracle:");
    for (const scheme of ["sqlite:", "mysql://", "postgres://", "postgresql://"]) expect(message).toContain(scheme);
    expect(message).not.toContain(SECRET);
  });

  it("[OPS]: the portal refuses to start when a source's database URL is of an unsupported kind, naming the source", async () => {
    const map = demoMapObject();
    map.sources[0].connection.urlEnv = "RTK_TEST_SHOP_URL";
    const file = path.join(dir, "oracle.datamap.json");
    fs.writeFileSync(file, JSON.stringify(map));
    // Source URLs come from the process environment (sourceEnvironment), like any deployment's.
    process.env.RTK_TEST_SHOP_URL = `oracle://app:${SECRET}@db.example/shop`;
    try {
      const error = await bootstrap(parseEnv({ NODE_ENV: "test", DATA_DIR: dir, DATAMAP_PATH: file, LOG_LEVEL: "silent" })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartupError);
      const message = (error as Error).message;
      expect(message).toContain("source parlay_app: RTK_TEST_SHOP_URL is not usable: unsupported database URL scheme oracle:");
      expect(message).not.toContain(SECRET);
    } finally {
      delete process.env.RTK_TEST_SHOP_URL;
    }
  });

  it("[OPS]: an unreachable PostgreSQL is one message naming the source, without the password", async () => {
    const error = await checkSourcesOpen({ sources: [demoSource()] }, { DEMO_SOURCE_URL: UNREACHABLE }, { ping: true }).catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(message).toBe("source parlay_app: cannot connect to postgres://postgres:***@127.0.0.1:1/nowhere (ECONNREFUSED: nothing listens at that host and port)");
  });

  it("[OPS]: `rtk collect` against an unreachable PostgreSQL writes nothing and exits 1 with that message", () => {
    const out = path.join(dir, "never.ndjson");
    const result = spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", "collect", "--email", "olivia.bennett@example.com", "--out", out], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, NODE_ENV: "test", DATA_DIR: dir, DEMO_SOURCE_URL: UNREACHABLE, LOG_LEVEL: "warn" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("source parlay_app: cannot connect to postgres://postgres:***@127.0.0.1:1/nowhere (ECONNREFUSED");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.summary.json`)).toBe(false);
    // A child process starting tsx: slow on a busy machine.
  }, 90_000);
});

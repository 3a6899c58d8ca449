import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import type * as SourceModulePath from "../../../server/lib/module-path";
import { testDialects } from "../../support/dialects";
import { COMPILED_SERVER, sendRequest, startListeningPortal, waitUntil, type PortalProcess } from "../../support/portal-process";

// Issue 18 item 1, ADR 045: `npm run build` compiles the server, worker, CLI and child entries to
// dist/, and what `npm start` / `npm run rtk` run is that JavaScript under plain node: no tsx in
// any process of a running portal. The build runs only if a source is newer than the last one
// (`npm test` has just built), so this file never rewrites build/ under a parallel test file.

beforeAll(() => {
  const built = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);
}, 180_000);

const started: PortalProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const portal of started.splice(0)) await portal.cleanup();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function rtk(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--enable-source-maps", "dist/server/cli.js", ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", LOG_LEVEL: "silent", ...env },
  });
}

/** The process and all its descendants, from /proc: pid, command line, and NODE_OPTIONS if set. */
function processTree(root: number): { pid: number; cmdline: string; nodeOptions: string }[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      parents.set(Number(entry), Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  return tree.map((pid) => {
    const read = (file: string) => {
      try {
        return fs.readFileSync(`/proc/${pid}/${file}`, "utf8").split("\0");
      } catch {
        return [];
      }
    };
    const nodeOptions = read("environ").find((v) => v.startsWith("NODE_OPTIONS=")) ?? "";
    return { pid, cmdline: read("cmdline").join(" "), nodeOptions };
  });
}

describe("the compiled CLI", () => {
  it("[OPS]: `rtk --help` lists the commands from dist/ without loading TypeScript", () => {
    const help = rtk(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: rtk <command>/);
    expect(help.stdout).toContain("db migrate");
    expect(help.stdout).toContain("audit verify");
  });

  it("[OPS]: a command's lazily imported module is found in dist/ (datamap schema prints the JSON Schema)", () => {
    const schema = rtk(["datamap", "schema"]);
    expect(schema.status, schema.stderr).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({ $schema: expect.stringContaining("json-schema.org") });
  });

  it("a child entry sits where siblingModule looks for it, and is started without tsx", async () => {
    const modulePath = (await import(pathToFileURL(path.resolve("dist/server/lib/module-path.js")).href)) as typeof SourceModulePath;
    const caller = pathToFileURL(path.resolve("dist/server/pipeline/render-disclosure-in-child.js")).href;
    expect(fs.existsSync(modulePath.siblingModule(caller, "render-disclosure-child"))).toBe(true);
    expect(modulePath.siblingModule(caller, "render-disclosure-child")).toBe(path.resolve("dist/server/pipeline/render-disclosure-child.js"));
    expect(modulePath.childExecArgv()).toEqual(["--enable-source-maps"]);
    expect(modulePath.PROJECT_ROOT).toBe(path.resolve("."));
  });
});

describe.each(testDialects())("the compiled build on $name", (dialect) => {
  it("[OPS]: `rtk db migrate` brings a new database to the latest schema", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-compiled-"));
    dirs.push(dataDir);
    const database = dialect.name === "sqlite" ? null : await dialect.create();
    const url = database?.url ?? `sqlite:${path.join(dataDir, "portal.sqlite")}`;
    try {
      const migrate = rtk(["db", "migrate"], { DATA_DIR: dataDir, DATABASE_URL: url });
      expect(migrate.status, migrate.stderr).toBe(0);
      expect(migrate.stdout).toContain("Database is up to date.");
      const { db } = openDb(url);
      try {
        const { rows } = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db);
        expect(Number(rows[0]!.n)).toBeGreaterThan(0);
      } finally {
        await db.destroy();
      }
    } finally {
      await database?.cleanup();
    }
  }, 60_000);

  it("[OPS]: the portal with two HTTP processes answers /healthz and no process in its tree runs tsx", async () => {
    const portal = await startListeningPortal(dialect, { WEB_CONCURRENCY: "2", WORKER_IN_PROCESS: "true" }, COMPILED_SERVER);
    started.push(portal);
    const health = await sendRequest(portal.port, "GET", "/healthz");
    expect(health.status).toBe(200);
    const page = await sendRequest(portal.port, "GET", "/request");
    expect(page.status).toBe(200);

    await waitUntil(() => processTree(portal.child.pid!).filter((p) => p.cmdline.includes("dist/server/index.js")).length === 3, "primary and two HTTP workers");
    const tree = processTree(portal.child.pid!);
    for (const p of tree) {
      expect(p.cmdline).not.toMatch(/tsx/);
      expect(p.nodeOptions).not.toMatch(/tsx/);
    }
  }, 90_000);
});

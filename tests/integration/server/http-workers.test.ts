import fs from "node:fs";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { testDialects } from "../../support/dialects";
import { sendRequest, startListeningPortal, startPortalProcess, waitUntil, type PortalProcess } from "../../support/portal-process";

// WEB_CONCURRENCY > 1 (ADR 020): the real server entry with several HTTP processes, on each dialect.

const started: PortalProcess[] = [];
afterEach(async () => {
  for (const portal of started.splice(0)) await portal.cleanup();
});

/**
 * The pids of a process's HTTP workers: its direct children running the server entry, from /proc
 * (tsx may keep an esbuild child of its own while it compiles on a cold cache).
 */
function childPids(pid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const parent = Number(fs.readFileSync(`/proc/${e}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
        return parent === pid && fs.readFileSync(`/proc/${e}/cmdline`, "utf8").includes("server/index.ts");
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.each(testDialects())("HTTP worker processes on $name", (dialect) => {
  it("[OPS]: serves from two processes that share one per-IP limit and stops them all on SIGTERM", async () => {
    const portal = await startListeningPortal(dialect, { WEB_CONCURRENCY: "2" });
    started.push(portal);
    await waitUntil(() => childPids(portal.child.pid!).length === 2, "two HTTP workers");

    // The strictest tier allows 10 sign-in posts a minute per IP. Each post opens its own
    // connection, so the two workers share them; with a count per process 20 would pass.
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await sendRequest(portal.port, "POST", "/ops/login")).status);
    expect(statuses.filter((s) => s !== 429)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);

    portal.child.kill("SIGTERM");
    expect(await portal.exited).toBe(0);
    expect(childPids(portal.child.pid!)).toEqual([]);
  }, 90_000);

  it("[OPS]: a worker that dies stops the whole portal with exit 1, for its supervisor to restart", async () => {
    const portal = await startListeningPortal(dialect, { WEB_CONCURRENCY: "2" });
    started.push(portal);
    await waitUntil(() => childPids(portal.child.pid!).length === 2, "two HTTP workers");
    const workers = childPids(portal.child.pid!);
    process.kill(workers[0]!, "SIGKILL");
    expect(await portal.exited).toBe(1);
    await waitUntil(() => workers.every((pid) => !fs.existsSync(`/proc/${pid}`)), "no worker left behind");
  }, 90_000);

  it("[OPS]: a port in use stops every process with one line naming the setting", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const portal = await startPortalProcess(dialect, { WEB_CONCURRENCY: "2", PORT: String(port) });
      started.push(portal);
      expect(await portal.exited).toBe(1);
      expect(portal.stderr().trim().split("\n")).toEqual([`rtk: Invalid setting PORT: 127.0.0.1:${port} is already in use`]);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  }, 60_000);
});

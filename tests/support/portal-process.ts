import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { TestDialect } from "./dialects";

/** The real server entry (server/index.ts, built Remix app) as a child process, for tests of what runs around the routes. */
export interface PortalProcess {
  child: ChildProcess;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves once the portal printed its start banner (all its HTTP processes listen); rejects if it exits first. */
  listening: Promise<void>;
  /** Kills what is left and removes its data folder and database. */
  cleanup: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** How node runs the server: its sources through tsx (quick to iterate), or the compiled build (ADR 045). */
export const SOURCE_SERVER = ["--import", "tsx", "server/index.ts"];
export const COMPILED_SERVER = ["--enable-source-maps", "dist/server/index.js"];

/** Starts the portal on a throwaway database of `dialect` (SQLite: a file in its own DATA_DIR). */
export async function startPortalProcess(dialect: TestDialect, env: Record<string, string> = {}, nodeArgs = SOURCE_SERVER): Promise<PortalProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-portal-"));
  const database = dialect.name === "sqlite" ? null : await dialect.create();
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgs, {
    env: {
      PATH: process.env.PATH ?? "",
      DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? `sqlite:${path.join(dataDir, "portal.sqlite")}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
      DEMO_SEED: "off",
      WORKER_IN_PROCESS: "false",
      ...env,
    },
  });
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // The start banner comes once every HTTP process listens: proof that this portal holds the port
  // (a /healthz answer could come from another test's server that took the same free port).
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes("portal is running at")) resolve();
    });
    void exited.then((code) => reject(new Error(`portal exited (${code}) before it listened: ${stderr.trim()}`)));
  });
  listening.catch(() => {});
  const cleanup = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
    await database?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { child, port: Number(env.PORT ?? port), stderr: () => stderr, exited, listening, cleanup };
}

/**
 * A portal that listens: started again on another port if a parallel test took the free port
 * between our check and the portal's bind.
 */
export async function startListeningPortal(dialect: TestDialect, env: Record<string, string> = {}, nodeArgs = SOURCE_SERVER): Promise<PortalProcess> {
  for (let attempt = 1; ; attempt++) {
    const portal = await startPortalProcess(dialect, env, nodeArgs);
    try {
      await portal.listening;
      return portal;
    } catch (error) {
      await portal.cleanup();
      if (attempt === 3 || !portal.stderr().includes("already in use")) throw error;
    }
  }
}

export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * One request on a connection of its own (so a cluster's round-robin spreads requests over its
 * workers); resolves with the status and body text.
 */
export function sendRequest(port: number, method: string, pathname: string, options: { headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: pathname, agent: false, headers: { connection: "close", ...options.headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once("error", reject);
    req.end(options.body);
  });
}

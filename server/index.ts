import cluster from "node:cluster";
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { bootstrap, StartupError } from "./bootstrap";
import { EnvError, parseEnv, type Env } from "./env";
import { createHttpApp } from "./http/create-http-app";
import { forkHttpWorkers, type HttpWorkerStartupFailure, type HttpWorkers } from "./http/fork-http-workers";
import { listenHttp } from "./http/listen-http";
import { PROJECT_ROOT } from "./lib/module-path";
import { runWorker, type WorkerHandle } from "./jobs/run-worker";
import { printStartBanner } from "./print-start-banner";
import { prepareDemo } from "./prepare-demo";
import { sweepCrashLeftovers } from "./pipeline/sweep-crash-leftovers";

async function loadBuild(): Promise<ServerBuild> {
  const buildFile = path.join(PROJECT_ROOT, "build", "index.js");
  if (!fs.existsSync(buildFile)) throw new StartupError("The Remix build is missing: run `npm run build` first.");
  // `remix build` always makes a production build, and React picks its code path from NODE_ENV when
  // first imported: without this the embedded default (NODE_ENV unset = development settings in
  // server/env.ts, already parsed above) would render with React's slow development build.
  process.env.NODE_ENV = "production";
  return (await import(pathToFileURL(buildFile).href)) as ServerBuild;
}

/** The primary (or only) process: migrates, seeds the demo, serves or forks HTTP workers, runs jobs. */
async function main(env: Env): Promise<void> {
  const ctx = await bootstrap(env);
  const demo = await prepareDemo(ctx);
  let server: Server | null = null;
  let httpWorkers: HttpWorkers | null = null;
  if (env.WEB_CONCURRENCY === 1) {
    server = await listenHttp(createHttpApp(ctx, { build: await loadBuild(), root: PROJECT_ROOT, sharedRateLimits: false }), env);
  } else {
    httpWorkers = await forkHttpWorkers(env.WEB_CONCURRENCY, ctx.logger);
  }
  printStartBanner(env, demo);
  // Embedded default: one process does everything. Production runs `npm run worker` instead.
  const worker: WorkerHandle | null = env.WORKER_IN_PROCESS === "true" ? runWorker(ctx) : null;
  // Start-up sweep of what a killed process left (render folders with plaintext documents...).
  if (worker) void sweepCrashLeftovers(ctx, { now: new Date() }).catch((error: unknown) => ctx.logger.error({ err: error }, "crash leftover sweep failed"));

  const shutdown = (): void => {
    server?.close();
    void Promise.all([httpWorkers?.stop(), worker?.stop({ timeoutMs: 10_000 })])
      .finally(() => ctx.db.destroy())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/** One of WEB_CONCURRENCY HTTP processes: its primary has migrated and seeded; it only serves. */
async function serveAsHttpWorker(env: Env): Promise<void> {
  // The primary disconnects us to stop (or by dying). Until we listen there is nothing to finish,
  // and a listen in progress would wait for the primary for ever: leave at once.
  let stop = (): void => process.exit(0);
  process.once("disconnect", () => stop());
  process.once("SIGTERM", () => stop());
  // Ctrl-C reaches the whole process group; the primary decides when we stop.
  process.on("SIGINT", () => {});
  const ctx = await bootstrap(env, { migrate: false });
  const server = await listenHttp(createHttpApp(ctx, { build: await loadBuild(), root: PROJECT_ROOT, sharedRateLimits: true }), env);
  // Finish open requests, close the database, leave.
  stop = () => server.close(() => void ctx.db.destroy().finally(() => process.exit(0)));
  if (!process.connected) stop();
}

function fail(error: unknown): void {
  // Settings and start-up problems are the operator's to fix: one clear line, no stack trace.
  if (error instanceof EnvError || error instanceof StartupError) {
    if (cluster.isWorker) {
      // The primary prints it once, rather than every worker printing the same line.
      const message: HttpWorkerStartupFailure = { type: "rtk:startup-failed", message: error.message };
      process.send?.(message, undefined, undefined, () => process.exit(1));
      return;
    }
    console.error(`rtk: ${error.message}`);
  } else {
    console.error("rtk: unexpected start-up failure", error);
  }
  process.exit(1);
}

try {
  const env = parseEnv();
  await (cluster.isPrimary ? main(env) : serveAsHttpWorker(env));
} catch (error) {
  fail(error);
}

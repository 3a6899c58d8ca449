import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { bootstrap, StartupError } from "./bootstrap";
import { EnvError, parseEnv } from "./env";
import { createDrpRouter } from "./drp/create-drp-router";
import { accessLog } from "./http/access-log";
import { rateLimits } from "./http/rate-limits";
import { runWorker, type WorkerHandle } from "./jobs/run-worker";
import { requestId } from "./http/request-id";
import { cspNonce, securityHeaders } from "./http/security-headers";
import { printStartBanner } from "./print-start-banner";
import { prepareDemo } from "./prepare-demo";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<void> {
  const env = parseEnv();
  const ctx = await bootstrap(env);
  const demo = await prepareDemo(ctx);
  const buildFile = path.join(root, "build", "index.js");
  if (!fs.existsSync(buildFile)) throw new StartupError("The Remix build is missing: run `npm run build` first.");
  // `remix build` always makes a production build, and React picks its code path from NODE_ENV when
  // first imported: without this the embedded default (NODE_ENV unset = development settings in
  // server/env.ts, already parsed above) would render with React's slow development build.
  process.env.NODE_ENV = "production";
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  app.use(requestId, cspNonce, securityHeaders(env.isProduction), compression(), accessLog(ctx.logger));
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // public/ holds only files with an extension (favicons): page paths skip the file-system lookup
  // express.static would otherwise make on every request.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  app.use(rateLimits({ relaxed: env.RATE_LIMITS === "relaxed", drpBasePath: env.DRP_BASE_PATH }));
  // Data Rights Protocol API for authorized agents (docs/drp.md); answers 404 while DRP_DIRECTORY is unset.
  app.use(env.DRP_BASE_PATH, createDrpRouter(ctx));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.isProduction ? "production" : "development",
      getLoadContext: (req, res) => ({ app: ctx, cspNonce: res.locals.cspNonce as string, clientIp: req.ip }),
    }),
  );

  const server = app.listen(env.PORT, env.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          error.code === "EADDRINUSE"
            ? `Invalid setting PORT: ${env.HOST}:${env.PORT} is already in use`
            : `Cannot listen on ${env.HOST}:${env.PORT}: ${error.code ?? error.message}`,
        ),
      ),
    );
  });
  printStartBanner(env, demo);
  // Embedded default: one process does everything. Production runs `npm run worker` instead.
  const worker: WorkerHandle | null = env.WORKER_IN_PROCESS === "true" ? runWorker(ctx) : null;

  const shutdown = (): void => {
    server.close();
    void (worker?.stop({ timeoutMs: 10_000 }) ?? Promise.resolve())
      .finally(() => ctx.db.destroy())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  // Settings and start-up problems are the operator's to fix: one clear line, no stack trace.
  if (error instanceof EnvError || error instanceof StartupError) {
    console.error(`rtk: ${error.message}`);
  } else {
    console.error("rtk: unexpected start-up failure", error);
  }
  process.exit(1);
});

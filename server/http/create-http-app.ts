import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Express } from "express";
import type { AppContext } from "../context";
import { createDrpRouter } from "../drp/create-drp-router";
import { accessLog } from "./access-log";
import { rateLimits } from "./rate-limits";
import { requestId } from "./request-id";
import { cspNonce, securityHeaders } from "./security-headers";

export interface HttpAppOptions {
  /** The built Remix server (build/index.js). */
  build: ServerBuild;
  /** The project root: static files are served from its public/ folder. */
  root: string;
  /** Rate-limit counts kept by the cluster primary (WEB_CONCURRENCY > 1), so limits hold across processes. */
  sharedRateLimits: boolean;
}

/** The portal's Express app: security headers, static files, per-IP limits, the DRP API, then Remix. */
export function createHttpApp(ctx: AppContext, { build, root, sharedRateLimits }: HttpAppOptions): Express {
  const { env } = ctx;
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
  app.use(rateLimits({ relaxed: env.RATE_LIMITS === "relaxed", drpBasePath: env.DRP_BASE_PATH, shared: sharedRateLimits }));
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
  return app;
}

import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Express } from "express";
import type { AppContext } from "../context";
import { createDrpRouter } from "../drp/create-drp-router";
import { accessLog } from "./access-log";
import { rateLimits } from "./rate-limits";
import { createRemixHandler } from "./remix-handler";
import { requestId } from "./request-id";
import { screenRequests } from "./screen-requests";
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
  app.use(rateLimits({ relaxed: env.RATE_LIMITS === "relaxed", drpBasePath: env.DRP_BASE_PATH, shared: sharedRateLimits, processes: env.WEB_CONCURRENCY }));
  // Data Rights Protocol API for authorized agents (docs/drp.md); answers 404 while DRP_DIRECTORY is unset.
  // Odd methods, bad encodings, cross-origin posts and over-limit bodies are marked for the refusal
  // page here, before any route parses anything (ADR 033).
  app.use(screenRequests({ drpBasePath: env.DRP_BASE_PATH }));
  app.use(env.DRP_BASE_PATH, createDrpRouter(ctx));
  const remix = createRemixHandler({
    build,
    mode: env.isProduction ? "production" : "development",
    getLoadContext: (req, res) => ({ app: ctx, cspNonce: res.locals.cspNonce as string, clientIp: req.ip }),
    logger: ctx.logger,
  });
  // Mounted without a path pattern: Express would decode one and throw on `/%`.
  app.use(remix.handler);
  app.use(remix.errorHandler);
  return app;
}

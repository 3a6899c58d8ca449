import type { RequestHandler } from "express";
import type { Logger } from "../lib/logger";

/**
 * One line per request: method, route path (never the query string, which could carry codes or
 * addresses), status and duration. Health checks are not logged.
 */
export function accessLog(logger: Logger): RequestHandler {
  // Below "info" (LOG_LEVEL=warn and up) there is no line to write: no timer and no listener per request.
  if (!logger.isLevelEnabled("info")) return (_req, _res, next) => next();
  return (req, res, next) => {
    if (req.path === "/healthz") return next();
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - start) / 1_000_000n),
        },
        "http request",
      );
    });
    next();
  };
}

import type { Request, RequestHandler } from "express";
import { bodyLimitFor, declaredLength } from "./body-limits";
import type { HttpRefusal } from "./refusal-build";
import { REQUEST_METHODS } from "./remix-handler";

/**
 * Turns away, before any route runs, the requests the pages cannot answer (issue 16 items 1 and 3,
 * ADR 033). Each is marked in res.locals.refusal and answered by the Remix handler's refusal page
 * (4xx, the normal page, in the visitor's language) instead of the 500 and stack trace they caused:
 * - a method no page has (TRACE, OPTIONS, WebDAV verbs): 405;
 * - a path that is not valid percent-encoding (`/%`) or a NUL anywhere in the URL: 400;
 * - a form post whose Origin is another site's (or unreadable): 403, as Remix's own check would
 *   throw; the CSRF tokens still guard the forms themselves (ADR 003);
 * - a declared Content-Length over the page limit: 413 at once, the body never read.
 * The DRP API (`drpBasePath`) answers for itself and is left alone.
 */
export function screenRequests({ drpBasePath }: { drpBasePath: string }): RequestHandler {
  return (req, res, next) => {
    if (req.path === drpBasePath || req.path.startsWith(`${drpBasePath}/`)) return next();
    if (!res.locals.refusal) {
      const refusal = findRefusal(req);
      if (refusal) res.locals.refusal = refusal;
    }
    next();
  };
}

function findRefusal(req: Request): HttpRefusal | null {
  if (!REQUEST_METHODS.has(req.method)) return { status: 405 };
  if (!isDecodable(req.originalUrl) || /%00|\0/.test(req.originalUrl)) return { status: 400 };
  if (req.method === "GET" || req.method === "HEAD") return null;
  if (!isSameOrigin(req)) return { status: 403 };
  const length = declaredLength(req);
  if (length !== null && length > bodyLimitFor(req.get("content-type"))) return { status: 413 };
  return null;
}

function isDecodable(url: string): boolean {
  try {
    decodeURIComponent(url);
    return true;
  } catch {
    return false;
  }
}

/** Remix's rule (server-runtime throwIfPotentialCSRFAttack): the Origin's host is the request's host. */
function isSameOrigin(req: Request): boolean {
  const origin = req.get("origin");
  if (origin === undefined) return true;
  const host = req.get("x-forwarded-host")?.split(",")[0]?.trim() || req.get("host");
  if (origin === "null") return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

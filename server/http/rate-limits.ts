import type { RequestHandler } from "express";
import { ClusterMemoryStoreWorker } from "@express-rate-limit/cluster-memory-store";
import { rateLimit, type Options, type Store } from "express-rate-limit";

/**
 * Per-IP tiers, as in the Epic Stack (ADR 004): the strictest on the paths where identity is proved
 * or requests are made (adversarial case X3: enumeration), a general tier elsewhere. Per-e-mail and
 * per-request limits on codes live in the verification domain, in the database, so they hold across
 * instances. Limits are raised in tests so suites do not trip them.
 *
 * `shared`: this process is one of `processes` HTTP workers (WEB_CONCURRENCY > 1, ADR 020). The
 * tiers that guard posts (sign-in, codes, requests, DRP) keep their counts in the cluster primary,
 * so a client gets the same limit whichever worker answers it. The general tier (page loads, GET)
 * counts in each worker, each allowing its share of the limit (ADR 052): a client still never gets
 * more than the limit in all, at worst its share if every request lands on one worker, and a page
 * load costs no round trip to the primary (that IPC was most of the primary's and a good part of
 * each worker's CPU per page, and under load it timed out and let requests through uncounted).
 */
export function rateLimits({ relaxed, drpBasePath = "/drp", shared = false, processes = 1 }: { relaxed: boolean; drpBasePath?: string; shared?: boolean; processes?: number }): RequestHandler {
  const factor = relaxed ? 1000 : 1;
  // Over a page limit, the visitor gets a page in their language saying how long to wait (issue 16
  // item 6): the request goes on to the Remix handler marked as refused, which renders that page
  // (or the single-fetch error a client-side navigation shows) with the 429 and Retry-After.
  const refuseWithPage: Options["handler"] = (req, res, next) => {
    const resetTime = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
    const retryAfterSeconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
    // The DRP API's GETs (general tier) answer for themselves, as before.
    if (req.path === drpBasePath || req.path.startsWith(`${drpBasePath}/`)) return void res.status(429).send("Too many requests, please try again later.");
    res.locals.refusal = { status: 429, retryAfterSeconds };
    next();
  };
  const common = { windowMs: 60_000, standardHeaders: "draft-8" as const, legacyHeaders: false, handler: refuseWithPage };
  // Each tier needs its own prefix in the primary's store, or one tier's hits would count in another's.
  // If the primary cannot answer within the store's 1 s (only when the box is overloaded), the
  // request goes through uncounted rather than failing with 500: the limits that guard codes and
  // sign-ins per e-mail and per request are in the database and still hold.
  const store = (prefix: string): { store?: Store; passOnStoreError?: boolean } =>
    shared ? { store: new ClusterMemoryStoreWorker({ prefix }), passOnStoreError: true } : {};
  const general = rateLimit({ ...common, limit: shared ? Math.max(1, Math.floor((300 * factor) / processes)) : 300 * factor });
  const strong = rateLimit({ ...common, limit: 60 * factor, ...store("strong") });
  const strongest = rateLimit({ ...common, limit: 10 * factor, ...store("strongest") });
  // A DRP agent is one server submitting for many consumers, so its signed POSTs and DELETEs get
  // their own tier: above the per-person one, well below what a key-guessing flood would need.
  // Its status polling (GET) falls under the general tier.
  const drp = rateLimit({ ...common, handler: undefined, limit: 120 * factor, ...store("drp") });
  const strictPaths = ["/request", "/verify", "/agent", "/ops/login"];
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD" && (req.path === drpBasePath || req.path.startsWith(`${drpBasePath}/`))) return drp(req, res, next);
    if (req.method === "GET" || req.method === "HEAD") return general(req, res, next);
    if (strictPaths.some((p) => req.path.startsWith(p))) return strongest(req, res, next);
    return strong(req, res, next);
  };
}

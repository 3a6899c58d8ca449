import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";

/**
 * Per-IP tiers, as in the Epic Stack (ADR 004): the strictest on the paths where identity is proved
 * or requests are made (adversarial case X3: enumeration), a general tier elsewhere. Per-e-mail and
 * per-request limits on codes live in the verification domain, in the database, so they hold across
 * instances. Limits are raised in tests so suites do not trip them.
 */
export function rateLimits({ relaxed }: { relaxed: boolean }): RequestHandler {
  const factor = relaxed ? 1000 : 1;
  const common = { windowMs: 60_000, standardHeaders: "draft-8" as const, legacyHeaders: false };
  const general = rateLimit({ ...common, limit: 300 * factor });
  const strong = rateLimit({ ...common, limit: 60 * factor });
  const strongest = rateLimit({ ...common, limit: 10 * factor });
  const strictPaths = ["/request", "/verify", "/agent", "/ops/login", "/drp"];
  return (req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return general(req, res, next);
    if (strictPaths.some((p) => req.path.startsWith(p))) return strongest(req, res, next);
    return strong(req, res, next);
  };
}

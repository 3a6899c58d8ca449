import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";

/**
 * Per-IP tiers, as in the Epic Stack (ADR 004): the strictest on the paths where identity is proved
 * or requests are made (adversarial case X3: enumeration), a general tier elsewhere. Per-e-mail and
 * per-request limits on codes live in the verification domain, in the database, so they hold across
 * instances. Limits are raised in tests so suites do not trip them.
 */
export function rateLimits({ relaxed, drpBasePath = "/drp" }: { relaxed: boolean; drpBasePath?: string }): RequestHandler {
  const factor = relaxed ? 1000 : 1;
  const common = { windowMs: 60_000, standardHeaders: "draft-8" as const, legacyHeaders: false };
  const general = rateLimit({ ...common, limit: 300 * factor });
  const strong = rateLimit({ ...common, limit: 60 * factor });
  const strongest = rateLimit({ ...common, limit: 10 * factor });
  // A DRP agent is one server submitting for many consumers, so its signed POSTs and DELETEs get
  // their own tier: above the per-person one, well below what a key-guessing flood would need.
  // Its status polling (GET) falls under the general tier.
  const drp = rateLimit({ ...common, limit: 120 * factor });
  const strictPaths = ["/request", "/verify", "/agent", "/ops/login"];
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD" && (req.path === drpBasePath || req.path.startsWith(`${drpBasePath}/`))) return drp(req, res, next);
    if (req.method === "GET" || req.method === "HEAD") return general(req, res, next);
    if (strictPaths.some((p) => req.path.startsWith(p))) return strongest(req, res, next);
    return strong(req, res, next);
  };
}

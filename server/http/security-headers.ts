import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** A fresh CSP nonce per response; Remix's inline hydration scripts carry it (app/entry.server.tsx). */
export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
};

/**
 * Strict headers for a site that handles identity data: scripts only from us (nonce for Remix's
 * inline scripts), no framing (clickjacking on the verification form), no MIME sniffing of
 * downloads, no referrer leaking request ids to other sites.
 */
export function securityHeaders(isProduction: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        ...(isProduction ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    crossOriginEmbedderPolicy: false,
    // "same-origin", not "no-referrer": other sites still get no referrer (request ids stay
    // here), but under "no-referrer" browsers send `Origin: null` with a form posted before the
    // page's scripts run (slow phone, no JavaScript), and Remix refuses such a post with a 500
    // as a possible CSRF (ADR 016).
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: isProduction ? { maxAge: 31536000, includeSubDomains: true } : false,
    frameguard: { action: "deny" },
    noSniff: true,
  });
}

import { randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { signedCookie } from "./session-cookie.server";

/** As long as a code can live (10 minutes) plus time to ask for two more. */
const PENDING_SECONDS = 30 * 60;

const PendingSchema = z.strictObject({
  requestId: z.string().regex(/^[0-9a-z]{26}$/),
  /** Random per browser: the code is bound to it, so it works only where it was asked for (X8). */
  bind: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** What happened when the code was last asked for; the /verify page says it. */
  notice: z.enum(["sent", "throttled", "failed"]),
  /** Epoch ms before which a new code will be refused (the per-request limit), or 0. */
  waitUntil: z.number().int().min(0),
});

/**
 * The code step in progress: which request the browser is confirming. Carries no personal data
 * (a request id is a random secret, not PII), so the e-mail address never appears in a URL or a
 * cookie; signed, so it cannot be pointed at another request. It is NOT a session: it unlocks
 * nothing but the code form, and the code itself is bound to `bind`.
 */
export type PendingCode = z.infer<typeof PendingSchema>;

const getPendingCookie = (context: AppLoadContext) => signedCookie(context, "rtk_pending", { maxAgeSeconds: PENDING_SECONDS });

/** A fresh browser binding for a new code step. */
export function newCodeBinding(): string {
  return randomBytes(32).toString("base64url");
}

/** The browser's pending code step, or null (no cookie, tampered, or from an older format). */
export async function readPendingCode(request: Request, context: AppLoadContext): Promise<PendingCode | null> {
  const value: unknown = await getPendingCookie(context).parse(request.headers.get("Cookie"));
  const parsed = PendingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function commitPendingCode(context: AppLoadContext, pending: PendingCode): Promise<string> {
  return getPendingCookie(context).serialize(pending);
}

export function clearPendingCode(context: AppLoadContext): Promise<string> {
  return getPendingCookie(context).serialize("", { maxAge: 0, expires: new Date(0) });
}

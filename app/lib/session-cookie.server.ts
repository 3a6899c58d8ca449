import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import type { Env } from "../../server/env";
import { getSessionSecret } from "../../server/sessions/session-secret";

const cookies = new WeakMap<Env, Map<string, Cookie>>();

/**
 * The signed cookie of one kind of session (consumer, staff, agent). It holds only the random
 * session token (ADR 003); the session row decides the rest, so ending a session in the database
 * ends it everywhere.
 */
export function sessionCookie(context: AppLoadContext, name: "rtk_consumer" | "rtk_staff" | "rtk_agent", maxAgeSeconds: number): Cookie {
  return signedCookie(context, name, { maxAgeSeconds });
}

/**
 * A signed, HttpOnly, SameSite=Lax cookie of the portal (Secure in production), signed with the
 * session secret so it cannot be forged or edited. Built lazily and once per settings object and
 * name: the secret comes from the env. No `maxAgeSeconds`: it lasts the browser session.
 */
export function signedCookie(context: AppLoadContext, name: string, options: { maxAgeSeconds?: number; path?: string } = {}): Cookie {
  const env = context.app.env;
  let byName = cookies.get(env);
  if (!byName) cookies.set(env, (byName = new Map()));
  let cookie = byName.get(name);
  if (!cookie) {
    cookie = createCookie(name, { httpOnly: true, sameSite: "lax", secure: env.isProduction, path: options.path ?? "/", maxAge: options.maxAgeSeconds, secrets: [getSessionSecret(env)] });
    byName.set(name, cookie);
  }
  return cookie;
}

/** The raw token in the visitor's (validly signed) cookie, or null. */
export async function readSessionToken(cookie: Cookie, request: Request): Promise<string | null> {
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

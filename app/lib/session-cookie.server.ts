import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import type { Env } from "../../server/env";
import { getSessionSecret } from "../../server/sessions/session-secret";

const cookies = new WeakMap<Env, Map<string, Cookie>>();

/**
 * The signed cookie of one kind of session (consumer, staff, agent). It holds only the random
 * session token (ADR 003); the session row decides the rest, so ending a session in the database
 * ends it everywhere. Built lazily and once per settings object: the secret comes from the env.
 */
export function sessionCookie(context: AppLoadContext, name: "rtk_consumer" | "rtk_staff" | "rtk_agent", maxAgeSeconds: number): Cookie {
  const env = context.app.env;
  let byName = cookies.get(env);
  if (!byName) cookies.set(env, (byName = new Map()));
  let cookie = byName.get(name);
  if (!cookie) {
    cookie = createCookie(name, { httpOnly: true, sameSite: "lax", secure: env.isProduction, path: "/", maxAge: maxAgeSeconds, secrets: [getSessionSecret(env)] });
    byName.set(name, cookie);
  }
  return cookie;
}

/** The raw token in the visitor's (validly signed) cookie, or null. */
export async function readSessionToken(cookie: Cookie, request: Request): Promise<string | null> {
  const value: unknown = await cookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import type { Env } from "../../server/env";
import { CONSUMER_SESSION_SECONDS, createConsumerSession } from "../../server/sessions/create-consumer-session";
import { readConsumerSession, type ConsumerSession } from "../../server/sessions/read-consumer-session";
import { revokeConsumerSession } from "../../server/sessions/revoke-consumer-session";
import { getSessionSecret } from "../../server/sessions/session-secret";

export type { ConsumerSession };

const cookies = new WeakMap<Env, Cookie>();

/**
 * The consumer cookie holds only the random session token (ADR 003); the request it unlocks is
 * looked up in consumer_sessions on every request, so ending a session in the database ends it
 * everywhere. Built lazily: the signing secret comes from the load context's env.
 */
export function getConsumerCookie(context: AppLoadContext): Cookie {
  const env = context.app.env;
  let cookie = cookies.get(env);
  if (!cookie) {
    cookie = createCookie("rtk_consumer", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.isProduction,
      path: "/",
      maxAge: CONSUMER_SESSION_SECONDS,
      secrets: [getSessionSecret(env)],
    });
    cookies.set(env, cookie);
  }
  return cookie;
}

/** The raw token in the visitor's (validly signed) cookie, or null. */
export async function readConsumerToken(request: Request, context: AppLoadContext): Promise<string | null> {
  const value: unknown = await getConsumerCookie(context).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** The visitor's live consumer session, or null. */
export async function getConsumerSession(request: Request, context: AppLoadContext): Promise<ConsumerSession | null> {
  const token = await readConsumerToken(request, context);
  return token ? readConsumerSession(context.app, { token }) : null;
}

/**
 * Guard for every loader and action under /requests/:id (style-models §7 rule 2). Throws a 404,
 * not a 403, unless the visitor's session is bound to exactly this request: a 403 would confirm
 * that the id exists (11 CCR 7024(a); X10). Lost sessions are recovered with a new e-mail code.
 */
export async function requireConsumerRequest(request: Request, context: AppLoadContext, requestId: string | undefined): Promise<ConsumerSession> {
  const session = await getConsumerSession(request, context);
  if (!session || !requestId || session.requestId !== requestId) throw new Response("Not found", { status: 404 });
  return session;
}

/**
 * Opens a session for a request whose e-mail code was just accepted and returns the Set-Cookie
 * header value. Call it only after checkEmailCode returned "ok".
 *
 * @example
 * return redirect(`/requests/${id}`, { headers: { "Set-Cookie": await commitConsumerSession(context, { requestId: id }) } });
 */
export async function commitConsumerSession(context: AppLoadContext, input: { requestId: string }): Promise<string> {
  const session = await createConsumerSession(context.app, { requestId: input.requestId });
  return getConsumerCookie(context).serialize(session.token, { expires: session.expiresAt, maxAge: CONSUMER_SESSION_SECONDS });
}

/** Signs this browser out: revokes the session row and returns a Set-Cookie that clears the cookie. */
export async function destroyConsumerSession(request: Request, context: AppLoadContext): Promise<string> {
  const token = await readConsumerToken(request, context);
  if (token) await revokeConsumerSession(context.app, { token });
  return getConsumerCookie(context).serialize("", { maxAge: 0, expires: new Date(0) });
}

import { type AppLoadContext, type Cookie } from "@remix-run/node";
import { CONSUMER_SESSION_SECONDS, createConsumerSession } from "../../server/sessions/create-consumer-session";
import { readConsumerSession, type ConsumerSession } from "../../server/sessions/read-consumer-session";
import { revokeConsumerSession } from "../../server/sessions/revoke-consumer-session";
import { readSessionToken, sessionCookie } from "./session-cookie.server";

export type { ConsumerSession };

/** The consumer session's cookie (ADR 003); see sessionCookie. */
export function getConsumerCookie(context: AppLoadContext): Cookie {
  return sessionCookie(context, "rtk_consumer", CONSUMER_SESSION_SECONDS);
}

/** The raw token in the visitor's (validly signed) cookie, or null. */
export function readConsumerToken(request: Request, context: AppLoadContext): Promise<string | null> {
  return readSessionToken(getConsumerCookie(context), request);
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

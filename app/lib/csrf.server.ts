import { randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { computeCsrfToken, isValidCsrfToken, type CsrfBinding } from "../../server/sessions/csrf";
import { hashSessionToken } from "../../server/sessions/session-token";
import { readConsumerToken } from "./consumer-session.server";
import { signedCookie } from "./session-cookie.server";

/** The hidden form field that carries the token. */
export const CSRF_FIELD = "csrf";

// A browser-session cookie (no maxAge) with a random nonce, for forms shown before sign-in.
const getNonceCookie = (context: AppLoadContext) => signedCookie(context, "rtk_csrf");

async function readBindings(request: Request, context: AppLoadContext): Promise<CsrfBinding[]> {
  const bindings: CsrfBinding[] = [];
  // The session binding needs no database read: the token's hash is the session id.
  const token = await readConsumerToken(request, context);
  const session = token ? hashSessionToken(token) : null;
  if (session) bindings.push({ session });
  const nonce = await readNonceBinding(request.headers.get("Cookie"), context);
  if (nonce) bindings.push(nonce);
  return bindings;
}

async function readNonceBinding(cookieHeader: string | null, context: AppLoadContext): Promise<CsrfBinding | null> {
  const nonce: unknown = await getNonceCookie(context).parse(cookieHeader);
  return typeof nonce === "string" && nonce.length >= 32 ? { nonce } : null;
}

/**
 * The token to put in a form's hidden CSRF_FIELD (ADR 003). Bound to the consumer session when
 * there is one, else to a per-browser nonce; `setCookie` is non-null when the nonce cookie must
 * be set with the response.
 *
 * @example
 * const { token, setCookie } = await getCsrfToken(request, context);
 * return json({ csrf: token }, setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined);
 */
export function getCsrfToken(request: Request, context: AppLoadContext): Promise<{ token: string; setCookie: string | null }> {
  // Once per page load: the root (language switch) and the page both ask, and two fresh nonces
  // would leave one of the two forms with a token for the nonce cookie the browser did not keep.
  // Keyed by the load context (one per HTTP request) and the cookies sent: a context reused with
  // other cookies (a session begun since) gets a token of its own.
  const cookies = request.headers.get("Cookie") ?? "";
  const cached = tokensOfRequest.get(context);
  if (cached && cached.cookies === cookies) return cached.minted;
  const minted = mintCsrfToken(request, context);
  tokensOfRequest.set(context, { cookies, minted });
  return minted;
}

const tokensOfRequest = new WeakMap<AppLoadContext, { cookies: string; minted: Promise<{ token: string; setCookie: string | null }> }>();

async function mintCsrfToken(request: Request, context: AppLoadContext): Promise<{ token: string; setCookie: string | null }> {
  const [binding] = await readBindings(request, context);
  return binding ? { token: computeCsrfToken(context.app.env, binding), setCookie: null } : mintNonceToken(context);
}

async function mintNonceToken(context: AppLoadContext): Promise<{ token: string; setCookie: string | null }> {
  const nonce = randomBytes(32).toString("base64url");
  return { token: computeCsrfToken(context.app.env, { nonce }), setCookie: await getNonceCookie(context).serialize(nonce) };
}

/**
 * getCsrfToken for a visitor known to have no session cookie, from the Cookie header alone: what
 * the document cache (ADR 052) puts in a page it serves without a render. The same nonce binding
 * as getCsrfToken, so the form posts exactly as one rendered for that visitor would.
 */
export async function getCsrfTokenWithoutSession(cookieHeader: string | null, context: AppLoadContext): Promise<{ token: string; setCookie: string | null }> {
  const binding = await readNonceBinding(cookieHeader, context);
  return binding ? { token: computeCsrfToken(context.app.env, binding), setCookie: null } : mintNonceToken(context);
}

/**
 * Throws a 403 Response unless the form's token matches one of the visitor's bindings. Either
 * binding is accepted, so a form rendered just before sign-in still posts after it. Call it first
 * in every consumer action that changes something.
 */
export async function assertCsrf(request: Request, context: AppLoadContext, formData: FormData): Promise<void> {
  const bindings = await readBindings(request, context);
  if (!isValidCsrfToken(context.app.env, bindings, formData.get(CSRF_FIELD))) {
    throw new Response("Forbidden", { status: 403 });
  }
}

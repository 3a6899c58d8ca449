import { redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { readSessionToken, sessionCookie } from "./session-cookie.server";
import { createStaffSession } from "../../server/staff/create-staff-session";
import { hasPermission, requiresTotp, ROLE_PERMISSIONS, type Permission, type StaffRole } from "../../server/staff/permissions.shared";
import { readStaffSession, type StaffSession } from "../../server/staff/read-staff-session";
import { revokeStaffSessions } from "../../server/staff/revoke-staff-sessions";
import { SESSION_ABSOLUTE_HOURS } from "../../server/staff/staff-policy";

export type { Permission, StaffRole, StaffSession };

export const STAFF_LOGIN_PATH = "/ops/login";
export const STAFF_TOTP_PATH = "/ops/totp";
/** Sent on every /ops response: staff pages must not be kept in shared or back-button caches. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The staff session's cookie (ADR 003, ADR 010): idle and absolute expiry live in the session row. */
export function getStaffCookie(context: AppLoadContext): Cookie {
  return sessionCookie(context, "rtk_staff", SESSION_ABSOLUTE_HOURS * 3600);
}

function readStaffToken(request: Request, context: AppLoadContext): Promise<string | null> {
  return readSessionToken(getStaffCookie(context), request);
}

/** The visitor's live staff session, or null. For pages that behave differently when signed in. */
export async function getStaff(request: Request, context: AppLoadContext): Promise<StaffSession | null> {
  const token = await readStaffToken(request, context);
  return token ? readStaffSession(context.app, { token }) : null;
}

export interface SignedInStaff extends StaffSession {
  permissions: readonly Permission[];
}

export interface RequireStaffOptions {
  /** Resource routes (downloads, JSON): answer 401 instead of redirecting to the sign-in page. */
  resource?: boolean;
  /** For the TOTP enrolment page and sign-out: let an admin who still has to enrol through. */
  allowPendingTotp?: boolean;
}

/**
 * Guard for every /ops loader and action (style-models §7 rule 2; loaders run in parallel, so a
 * layout's check protects nothing below it). Signed out: a redirect to the sign-in page that comes
 * back here afterwards (documents), or 401 (resource routes). An admin without TOTP is sent to
 * enrol first. Lacking `permission`: 403. Never returns data to someone it refused.
 *
 * @example
 * export async function loader({ request, context }: LoaderFunctionArgs) {
 *   const staff = await requireStaff(request, context, "manage:staff:any");
 */
export async function requireStaff(
  request: Request,
  context: AppLoadContext,
  permission?: Permission,
  options: RequireStaffOptions = {},
): Promise<SignedInStaff> {
  const token = await readStaffToken(request, context);
  const session = token ? await readStaffSession(context.app, { token }) : null;
  if (!session) {
    if (options.resource) throw new Response("Unauthorized", { status: 401, headers: NO_STORE });
    // A stale cookie is cleared on the way out, so the browser stops sending it.
    const headers = new Headers(NO_STORE);
    if (token) headers.append("Set-Cookie", await clearStaffCookie(context));
    throw redirect(signInUrl(request), { headers });
  }
  const { role, hasTotp } = session.user;
  if (requiresTotp(role) && !hasTotp && !options.allowPendingTotp) {
    if (options.resource) throw new Response("Forbidden", { status: 403, headers: NO_STORE });
    throw redirect(STAFF_TOTP_PATH, { headers: NO_STORE });
  }
  if (permission && !hasPermission(role, permission)) throw new Response("Forbidden", { status: 403, headers: NO_STORE });
  return { ...session, permissions: ROLE_PERMISSIONS[role] };
}

/** /ops/login, with a way back to the page the visitor asked for when it is an ops page. */
function signInUrl(request: Request): string {
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  const back = safeStaffRedirect(path);
  return back === "/ops" ? STAFF_LOGIN_PATH : `${STAFF_LOGIN_PATH}?redirectTo=${encodeURIComponent(back)}`;
}

/**
 * Where to go after sign-in: only an /ops page, never the sign-in pages themselves, never another
 * site (no open redirect); "/ops" otherwise.
 */
export function safeStaffRedirect(value: unknown): string {
  if (typeof value !== "string" || !/^\/ops(\/[A-Za-z0-9._~\-/]*)?$/.test(value) || value.includes("//")) return "/ops";
  if (/^\/ops\/(login|logout|totp)\b/.test(value)) return "/ops";
  return value;
}

/** Opens a session for a user who passed every factor; returns the Set-Cookie header value. */
export async function commitStaffSession(context: AppLoadContext, input: { userId: string }): Promise<string> {
  const session = await createStaffSession(context.app, { userId: input.userId });
  return getStaffCookie(context).serialize(session.token, { expires: session.expiresAt });
}

export async function clearStaffCookie(context: AppLoadContext): Promise<string> {
  return getStaffCookie(context).serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Signs this browser out: revokes the session row; returns a Set-Cookie that clears the cookie. */
export async function destroyStaffSession(request: Request, context: AppLoadContext, input: { actorId: string }): Promise<string> {
  const token = await readStaffToken(request, context);
  if (token) await revokeStaffSessions(context.app, { token, actorId: input.actorId });
  return clearStaffCookie(context);
}

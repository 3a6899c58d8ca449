import { redirect, type AppLoadContext } from "@remix-run/node";
import QRCode from "qrcode";
import { completeStaffSignIn } from "../../server/staff/complete-staff-sign-in";
import { enrolStaffTotp } from "../../server/staff/enrol-staff-totp";
import { signInStaff } from "../../server/staff/sign-in-staff";
import { startStaffTotpEnrolment } from "../../server/staff/start-staff-totp-enrolment";
import { verifyStaffTotp } from "../../server/staff/verify-staff-totp";
import { commitStaffSession, getStaff, NO_STORE, safeStaffRedirect, STAFF_LOGIN_PATH, STAFF_TOTP_PATH } from "./staff-session.server";
import { signedCookie } from "./session-cookie.server";

/** Between the password and the second factor: who, which step, and where to go afterwards. */
interface PendingSignIn {
  userId: string;
  stage: "totp" | "enrol";
  redirectTo: string;
  /** Epoch ms; checked here, not trusted to the browser's cookie expiry. */
  expiresAt: number;
}

/** Ten minutes to type a code or scan a QR code and confirm it. */
const PENDING_SECONDS = 600;
// Signed, so it cannot be forged or edited; it proves only that a password was right minutes ago.
const getPendingCookie = (context: AppLoadContext) => signedCookie(context, "rtk_staff_pending", { maxAgeSeconds: PENDING_SECONDS, path: "/ops" });

export async function readPendingSignIn(request: Request, context: AppLoadContext): Promise<PendingSignIn | null> {
  const value = (await getPendingCookie(context).parse(request.headers.get("Cookie"))) as Partial<PendingSignIn> | null;
  if (!value || typeof value.userId !== "string" || (value.stage !== "totp" && value.stage !== "enrol")) return null;
  if (typeof value.expiresAt !== "number" || value.expiresAt <= Date.now()) return null;
  return { userId: value.userId, stage: value.stage, redirectTo: safeStaffRedirect(value.redirectTo), expiresAt: value.expiresAt };
}

async function commitPending(context: AppLoadContext, pending: Omit<PendingSignIn, "expiresAt">): Promise<string> {
  return getPendingCookie(context).serialize({ ...pending, expiresAt: Date.now() + PENDING_SECONDS * 1000 });
}

export async function clearPendingSignIn(context: AppLoadContext): Promise<string> {
  return getPendingCookie(context).serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Every factor passed: open the session, forget the pending step, go where the user was headed. */
async function finishSignIn(context: AppLoadContext, userId: string, to: string): Promise<Response> {
  const headers = new Headers(NO_STORE);
  headers.append("Set-Cookie", await commitStaffSession(context, { userId }));
  headers.append("Set-Cookie", await clearPendingSignIn(context));
  return redirect(to, { headers });
}

/**
 * The password step. A refusal shows the one generic error (never which part was wrong), or how
 * long to wait when this address and network must (ADR 040); otherwise a redirect: into /ops, to
 * the code step, or (admins without TOTP) to enrolment.
 */
export async function submitStaffPassword(
  context: AppLoadContext,
  input: { email: string; password: string; redirectTo: unknown },
): Promise<Response | { retryAfterSeconds: number | null }> {
  const result = await signInStaff(context.app, { email: input.email, password: input.password, ip: context.clientIp });
  if (result.status === "failed") return { retryAfterSeconds: result.retryAfterSeconds };
  const redirectTo = safeStaffRedirect(input.redirectTo);
  if (result.status === "signed_in") return finishSignIn(context, result.user.id, redirectTo);
  const stage = result.status === "needs_totp" ? "totp" : "enrol";
  const headers = new Headers(NO_STORE);
  headers.append("Set-Cookie", await commitPending(context, { userId: result.user.id, stage, redirectTo }));
  return redirect(stage === "totp" ? STAFF_LOGIN_PATH : STAFF_TOTP_PATH, { headers });
}

export type TotpStepOutcome = Response | { error: "code" | "expired" } | { error: "waiting"; retryAfterSeconds: number };

/** The code step of sign-in; an expired or missing pending step sends the user back to the password. */
export async function submitStaffTotp(request: Request, context: AppLoadContext, input: { code: string }): Promise<TotpStepOutcome> {
  const pending = await readPendingSignIn(request, context);
  if (!pending || pending.stage !== "totp") return { error: "expired" };
  const result = await verifyStaffTotp(context.app, { userId: pending.userId, code: input.code, ip: context.clientIp });
  if (result.status === "ok") return finishSignIn(context, result.user.id, pending.redirectTo);
  return result.retryAfterSeconds ? { error: "waiting", retryAfterSeconds: result.retryAfterSeconds } : { error: "code" };
}

export interface TotpEnrolmentView {
  /** "sign-in": an admin finishing their first sign-in; "account": a signed-in user adding TOTP. */
  mode: "sign-in" | "account";
  email: string;
  /** Base32, in groups of four for reading aloud or typing. */
  secretGroups: string[];
  qrDataUrl: string;
}

export interface EnrolmentGrant {
  userId: string;
  mode: TotpEnrolmentView["mode"];
  redirectTo: string;
}

/**
 * The enrolment page's guard (its loader and action call it first). Who may see the page: an admin between password and first code (pending step
 * "enrol"), or any signed-in staff member without TOTP. Everyone else goes to sign-in, or to /ops
 * when already enrolled.
 */
export async function requireTotpEnrolment(request: Request, context: AppLoadContext): Promise<EnrolmentGrant> {
  const pending = await readPendingSignIn(request, context);
  if (pending?.stage === "enrol") return { userId: pending.userId, mode: "sign-in", redirectTo: pending.redirectTo };
  const staff = await getStaff(request, context);
  if (staff && !staff.user.hasTotp) return { userId: staff.user.id, mode: "account", redirectTo: "/ops" };
  throw redirect(staff ? "/ops" : STAFF_LOGIN_PATH, { headers: NO_STORE });
}

export async function loadTotpEnrolment(context: AppLoadContext, { userId, mode }: EnrolmentGrant): Promise<TotpEnrolmentView> {
  const started = await startStaffTotpEnrolment(context.app, { userId });
  if (started.status !== "ready") throw redirect(started.status === "already_enrolled" ? "/ops" : STAFF_LOGIN_PATH, { headers: NO_STORE });
  const svg = await QRCode.toString(started.uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    mode,
    email: started.account,
    secretGroups: started.secret.match(/.{1,4}/g) ?? [],
    // A data: URL, not inline SVG markup: the CSP allows data: images and no inline styles.
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`,
  };
}

/** Confirms enrolment with a first code. For an admin signing in, that code completes sign-in too. */
export async function submitTotpEnrolment(
  context: AppLoadContext,
  { userId, mode, redirectTo }: EnrolmentGrant,
  input: { code: string },
): Promise<Response | { error: "code" }> {
  const result = await enrolStaffTotp(context.app, { userId, code: input.code });
  if (result.status === "bad_code") return { error: "code" };
  if (result.status !== "ok") throw redirect(STAFF_LOGIN_PATH, { headers: NO_STORE });
  if (mode === "account") return redirect("/ops", { headers: NO_STORE });
  await completeStaffSignIn(context.app, { userId, ip: context.clientIp, factors: "password_totp", now: new Date() });
  return finishSignIn(context, userId, redirectTo);
}

import { isIP } from "node:net";
import { getBusinessProfile } from "../business/get-business-profile";
import type { AppContext } from "../context";
import { errorCode } from "../lib/errors";
import { createMailTransport, type MailTransport } from "../mail/create-mail-transport";
import { MAIL_TEXT_LIMITS } from "../mail/mail-templates";
import { plainMailText } from "../mail/plain-mail-text";
import { PAIR_FREE_FAILURES, PAIR_MAX_DELAY_SECONDS, type SignInAccountKind } from "./sign-in-throttle-policy";

const transports = new WeakMap<object, MailTransport>();

/**
 * The account holder's alert (ADR 040): someone failed PAIR_FREE_FAILURES times to sign in to
 * their account from one IP, so that IP now waits; their own sign-in is unaffected. In English,
 * like the staff console and agent portal (ADR 013). No text an outsider typed: the IP is printed
 * only if it parses as one (the HTTP layer may take it from X-Forwarded-For behind a proxy), the
 * business name goes through plainMailText (ADR 034). Never throws: a mail server that is down
 * must not turn a refused sign-in into an error page; it is logged without the address.
 */
export async function sendSignInAlert(ctx: AppContext, input: { kind: SignInAccountKind; to: string; ip: string | undefined; now: Date }): Promise<void> {
  try {
    const business = plainMailText((await getBusinessProfile(ctx)).name, MAIL_TEXT_LIMITS.businessName);
    const where = input.ip && isIP(input.ip) ? `the network address ${input.ip}` : "one network address";
    const signInUrl = input.kind === "staff" ? `${ctx.env.PUBLIC_URL}/ops/login` : `${ctx.env.PUBLIC_URL}/agent/login`;
    const at = `${input.now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    const text = [
      `Hello,`,
      `At ${at}, someone entered a wrong password or code ${PAIR_FREE_FAILURES} times when signing in to your ${business} ${input.kind === "staff" ? "privacy operations" : "authorized agent"} account from ${where}.`,
      `Sign-in from that address now has to wait longer after each further wrong try (up to ${PAIR_MAX_DELAY_SECONDS / 60} minutes). Your account is not locked: you can still sign in as usual from your own device at ${signInUrl}`,
      `If this was you, there is nothing to do. If it was not, someone may be guessing your password: choose a new one, turn on the authenticator code if it is not on, and tell your administrator.`,
      `We send this once for a run of failures, not for each try.`,
      `${business} privacy team`,
    ].join("\n\n");
    let transport = transports.get(ctx.env);
    if (!transport) transports.set(ctx.env, (transport = createMailTransport(ctx.env)));
    await transport.send({ to: input.to, subject: `Failed sign-ins to your ${business} account`, text });
  } catch (error) {
    ctx.logger.warn({ kind: input.kind, error: errorCode(error) }, "sign-in alert mail not sent");
  }
}

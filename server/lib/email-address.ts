import { domainToASCII, domainToUnicode } from "node:url";
import { z } from "zod";

/**
 * What is wrong with an e-mail address, in words an error message can name (issue 14.6). The
 * codes are the keys the forms translate (`request.errors.emailProblems.<code>`).
 */
export const EMAIL_PROBLEMS = ["empty", "no_at", "local_empty", "local_too_long", "local_invalid", "domain_invalid", "too_long"] as const;
export type EmailProblem = (typeof EMAIL_PROBLEMS)[number];

/** RFC 5321 4.5.3.1: 64 octets of local part; 254 octets of path less the angle brackets. */
const MAX_LOCAL_OCTETS = 64;
const MAX_ADDRESS_OCTETS = 254;

/**
 * RFC 5322 dot-atom text, widened by RFC 6531 to any UTF-8 character that is not ASCII
 * (`UTF8-non-ascii`): letters of every script pass, controls, spaces and separators never do.
 * Quoted local parts ("john doe"@example.com) are refused: legal but vanishingly rare, and the
 * quoting would have to survive every system the address is matched against.
 */
const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u00A0-\u{10FFFF}]+$/u;
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/u;
/** One ASCII label of a host name after IDNA (RFC 5890): letters, digits, inner hyphens. */
const LDH_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export type ParsedEmail = { ok: true; address: string } | { ok: false; problem: EmailProblem };

/**
 * Reads an e-mail address as a person typed it, accepting internationalised addresses
 * (`stanisław.wójcik@wp.pl`, `user@münchen.de`: RFC 6531, IDNA 2008 / UTS 46), and returns the one
 * form every part of the portal compares: NFC-normalised, domain in Unicode form and case-folded,
 * local part case-folded too (ADR 026: every system this portal matches against treats local parts
 * case-insensitively, and the frequency checks of 1798.130(b) must not be dodged by capitals).
 */
export function parseEmailAddress(input: string): ParsedEmail {
  const text = input.normalize("NFC").trim();
  if (text === "") return { ok: false, problem: "empty" };
  const at = text.lastIndexOf("@");
  if (at < 0) return { ok: false, problem: "no_at" };
  const local = text.slice(0, at).toLowerCase();
  const domain = text.slice(at + 1);
  if (local === "") return { ok: false, problem: "local_empty" };
  if (Buffer.byteLength(local, "utf8") > MAX_LOCAL_OCTETS) return { ok: false, problem: "local_too_long" };
  if (FORBIDDEN.test(local) || local.split(".").some((atom) => !ATOM.test(atom))) return { ok: false, problem: "local_invalid" };

  if (domain === "" || FORBIDDEN.test(domain) || domain.includes("@")) return { ok: false, problem: "domain_invalid" };
  const ascii = domainToASCII(domain);
  const labels = ascii.split(".");
  if (ascii === "" || ascii.length > 253 || labels.length < 2 || labels.some((l) => !LDH_LABEL.test(l)) || !TOP_LABEL.test(labels.at(-1)!)) {
    return { ok: false, problem: "domain_invalid" };
  }
  const address = `${local}@${domainToUnicode(ascii)}`;
  // The limit applies to the address as sent; an IDN travels as its A-label where SMTPUTF8 is absent.
  if (Buffer.byteLength(address, "utf8") > MAX_ADDRESS_OCTETS || local.length + 1 + ascii.length > MAX_ADDRESS_OCTETS) {
    return { ok: false, problem: "too_long" };
  }
  return { ok: true, address };
}

/** What an operator or an API client reads when an address is refused (no value quoted). */
export const EMAIL_PROBLEM_TEXT: Record<EmailProblem, string> = {
  empty: "is empty",
  no_at: "has no @ between the name and the domain",
  local_empty: "has nothing before the @",
  local_too_long: "has more than 64 bytes before the @",
  local_invalid: "has a space, a control character, a misplaced dot or a character not allowed before the @",
  domain_invalid: "does not end in a valid domain (like example.com)",
  too_long: "is longer than 254 bytes",
};

/**
 * The Zod form of parseEmailAddress, for every schema that takes an address (forms, agent forms,
 * DRP claims, staff accounts, the CLI): one validator, one normal form. The issue message is the
 * problem code, so a form can translate it and an API can print EMAIL_PROBLEM_TEXT.
 */
export const emailAddress = () =>
  z.string().transform((value, ctx) => {
    const parsed = parseEmailAddress(value);
    if (parsed.ok) return parsed.address;
    ctx.addIssue({ code: "custom", message: parsed.problem, params: { emailProblem: parsed.problem } });
    return z.NEVER;
  });

/** The English sentence for an issue raised by emailAddress(), prefixed by what the value was. */
export function describeEmailIssue(what: string, message: string): string {
  const text = EMAIL_PROBLEM_TEXT[message as EmailProblem];
  return text ? `${what} ${text}` : `${what}: ${message}`;
}

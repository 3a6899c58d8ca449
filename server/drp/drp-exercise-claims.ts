import { emailAddress } from "../lib/email-address";
import { z } from "zod";
import type { PostalAddress } from "../verification/data-points.shared";
import { foldText } from "../verification/fold-text";
import { isUsState } from "../verification/us-state-codes";
import { DrpError } from "./drp-error";

/** DRP 1.0 agents send "1.0"; 0.9.x agents (same wire format since 0.9.1) are still accepted. */
const DRP_VERSION = /^(1\.0|0\.9(\.\d+)?)$/;

const AddressObjectSchema = z.object({
  formatted: z.string().max(400).optional(),
  street_address: z.string().max(200).optional(),
  locality: z.string().max(100).optional(),
  region: z.string().max(100).optional(),
  postal_code: z.string().max(20).optional(),
  country: z.string().max(60).optional(),
});
/** OIDC Core §5.1.1 asks for an object; an agent that sends the address as one string means `formatted`. */
const AddressSchema = z.union([z.string().max(400).transform((formatted): z.infer<typeof AddressObjectSchema> => ({ formatted })), AddressObjectSchema]);

/**
 * The request part of a signed exercise message (DRP 1.0 §3.01, groups 2 and 3). Unknown claims
 * are ignored, as the spec allows custom ones. email and name are required: a request row always
 * has them, and the e-mail is where the portal's own verification code goes.
 */
const ExerciseClaimsSchema = z.object({
  "drp.version": z.string().regex(DRP_VERSION),
  exercise: z.string().max(64),
  regime: z.string().max(32).optional(),
  "agent-request-id": z.string().min(1).max(191).optional(),
  status_callback: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  name: z.string().trim().min(1).max(200),
  email: emailAddress(),
  email_verified: z.boolean().optional(),
  phone_number: z.string().trim().min(1).max(40).optional(),
  phone_number_verified: z.boolean().optional(),
  address: AddressSchema.optional(),
  address_verified: z.boolean().optional(),
});

export interface ExerciseClaims {
  drpVersion: string;
  regime: "ccpa" | null;
  agentRequestId: string | null;
  statusCallback: string | null;
  name: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  address: PostalAddress | null;
  addressVerified: boolean;
}

/**
 * Checks the semantics of a verified exercise message (after §3.07's checks). Throws DrpError 400,
 * fatal, naming the claim but never its value: a malformed or missing claim, an action other than
 * "access" (we answer only Right to Know requests, 1798.110; an unsupported action is refused with
 * 400 rather than accepted and denied, so the agent can route it elsewhere), a regime other than
 * ccpa (absent and "voluntary" are treated as ccpa), or a plain-http callback in production.
 */
export function parseExerciseClaims(claims: Record<string, unknown>, options: { isProduction: boolean }): ExerciseClaims {
  const parsed = ExerciseClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "body")))].sort().join(", ");
    throw new DrpError(400, `Missing or invalid claims: ${names}.`, { fatal: true });
  }
  const c = parsed.data;
  if (c.exercise !== "access") throw new DrpError(400, "Unsupported action: this business accepts only \"access\" over DRP.", { fatal: true });
  if (c.regime !== undefined && c.regime !== "ccpa" && c.regime !== "voluntary") throw new DrpError(400, "Unsupported regime: this business accepts \"ccpa\".", { fatal: true });
  // Parsed, not prefix-matched: "HTTP://" and "Http://" are plain http too (issue 16 item 7).
  if (options.isProduction && c.status_callback !== undefined && new URL(c.status_callback).protocol !== "https:") {
    throw new DrpError(400, "status_callback must be an https URL.", { fatal: true });
  }
  return {
    drpVersion: c["drp.version"],
    regime: c.regime === "ccpa" ? "ccpa" : null,
    agentRequestId: c["agent-request-id"] ?? null,
    statusCallback: c.status_callback ?? null,
    name: c.name,
    email: c.email.toLowerCase(),
    emailVerified: c.email_verified === true,
    phone: c.phone_number ?? null,
    phoneVerified: c.phone_number_verified === true,
    address: toPostalAddress(c.address),
    addressVerified: c.address_verified === true,
  };
}

/**
 * OIDC address claim -> the portal's postal address, or null when it names no street. The street
 * is street_address (the reference agent joins two lines with "\n"); without one, `formatted` is
 * read as "street, city, ST 12345[, country]" (lines or commas). A street of nothing but separators
 * ("\n", " , ") is no street: absent, never ",".
 */
function toPostalAddress(address: z.infer<typeof AddressSchema> | undefined): PostalAddress | null {
  if (!address) return null;
  const street = joinParts(splitParts(address.street_address ?? ""));
  if (street) return { street, city: clean(address.locality), state: clean(address.region), postalCode: clean(address.postal_code) };
  return address.formatted ? parseFormattedAddress(address.formatted) : null;
}

const ZIP_AT_END = /^(.*?)\s+(\d{5}(?:-\d{4})?)$/;
const COUNTRY = /^(us|usa|u\.s\.a?\.?|united states(?: of america)?)$/i;

function parseFormattedAddress(formatted: string): PostalAddress | null {
  const parts = splitParts(formatted);
  if (parts.length > 1 && COUNTRY.test(parts.at(-1)!)) parts.pop();
  const tail = parts.length >= 2 ? splitStateZip(parts.at(-1)!) : null;
  if (tail) {
    // "…, Oakland, CA 94612" or "…, Oakland CA 94612": the city is before the state or its own part.
    const rest = parts.slice(0, -1);
    const city = tail.city ?? (rest.length >= 2 ? rest.pop()! : null);
    const street = joinParts(rest);
    if (street) return { street, city, state: tail.state, postalCode: tail.postalCode };
  }
  // Not a shape we can split: kept whole as the street, which then matches nothing (never a false match).
  const street = joinParts(parts);
  return street ? { street, city: null, state: null, postalCode: null } : null;
}

/** "Oakland CA 94612", "New York 10001", "CA 94612-1234": the state is the longest known name before the ZIP. */
function splitStateZip(part: string): { city: string | null; state: string; postalCode: string } | null {
  const zip = ZIP_AT_END.exec(part);
  if (!zip) return null;
  const words = zip[1]!.split(/\s+/).filter(Boolean);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const state = words.slice(-n).join(" ");
    if (isUsState(foldText(state))) return { city: words.slice(0, -n).join(" ") || null, state, postalCode: zip[2]! };
  }
  return null;
}

function splitParts(text: string): string[] {
  return text
    .split(/[\n\r,]+/)
    .map((part) => part.trim())
    .filter(Boolean);
}

function joinParts(parts: string[]): string {
  return parts.join(", ");
}

function clean(value: string | undefined): string | null {
  return value?.trim() || null;
}

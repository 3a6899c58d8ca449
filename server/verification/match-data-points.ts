import type { DataPointName, HeldIdentity, SubmittedIdentity, VerificationLevel } from "./data-points.shared";
import { normalizeDataPoint, type ScalarDataPointName } from "./normalize-data-point";
import { normalizePostalAddress, type NormalizedAddress } from "./normalize-postal-address";
import { VERIFICATION_RULES_VERSION } from "./verification-policy";

export interface MatchDataPointsResult {
  /** Names of the points that matched, never their values (evidence and logs keep names only). */
  matched: DataPointName[];
  level: VerificationLevel;
  /** verified: the level asked for; downgraded: RTK-SP handled as RTK-C (X1); unverifiable: X2. */
  outcome: "verified" | "downgraded" | "unverifiable";
  /** The canonical message to send, or null when the request is verified as asked. */
  message: "M-UNV-SP" | "M-UNV-CAT" | null;
  rulesVersion: string;
}

export interface MatchPolicy {
  /** Points the business judged unreliable for verification (e.g. a self-asserted name); never counted (R15). */
  unreliable?: readonly DataPointName[];
}

/**
 * Matches what a requester gave against what the business holds, and decides the verification
 * level (11 CCR 7062). Non-accountholders:
 * - categories (RTK-C), "reasonable degree of certainty": >= 2 matching points (7062(b); R15);
 * - specific pieces (RTK-SP), "reasonably high degree": >= 3 matching points AND a signed
 *   declaration under penalty of perjury (7062(c); R16). Short of that, with >= 2 the request is
 *   handled as categories (X1, M-UNV-SP); below 2 nothing is disclosed (7062(f); X2).
 * The e-mail counts as one point only once the requester proved control of it with a code.
 *
 * A point matches only when both sides have it and they are equal after normalisation; nothing
 * partial: "José Núñez" is not "José Núñez Ortega". The result names which points matched, and
 * callers must not tell the requester which failed (R18; X2). Pure function.
 */
export function matchDataPoints(submitted: SubmittedIdentity, held: HeldIdentity, policy: MatchPolicy = {}): MatchDataPointsResult {
  const candidates: [DataPointName, boolean][] = [
    ["email", submitted.emailVerified && sameScalar("email", submitted.email, held.email)],
    ["phone", sameScalar("phone", submitted.phone, held.phone)],
    ["fullName", sameName(submitted.fullName, held.fullName)],
    ["postalAddress", sameAddress(normalizePostalAddress(submitted.postalAddress), normalizePostalAddress(held.postalAddress))],
    ["dateOfBirth", sameScalar("dateOfBirth", submitted.dateOfBirth, held.dateOfBirth)],
    ["customerNumber", sameScalar("customerNumber", submitted.customerNumber, held.customerNumber)],
  ];
  const unreliable = new Set(policy.unreliable ?? []);
  const matched = candidates.filter(([name, same]) => same && !unreliable.has(name)).map(([name]) => name);
  return { matched, ...decideLevel(submitted, matched.length), rulesVersion: VERIFICATION_RULES_VERSION };
}

function decideLevel(submitted: SubmittedIdentity, count: number): Pick<MatchDataPointsResult, "level" | "outcome" | "message"> {
  if (submitted.requestType === "categories") {
    return count >= 2 ? { level: "reasonable", outcome: "verified", message: null } : { level: "none", outcome: "unverifiable", message: "M-UNV-CAT" };
  }
  if (count >= 3 && submitted.declarationSigned) return { level: "reasonably_high", outcome: "verified", message: null };
  // 7062(f): specific pieces are refused; the request is re-evaluated as categories and M-UNV-SP says so.
  if (count >= 2) return { level: "reasonable", outcome: "downgraded", message: "M-UNV-SP" };
  return { level: "none", outcome: "unverifiable", message: "M-UNV-SP" };
}

function sameScalar(name: ScalarDataPointName, a: string | null | undefined, b: string | null | undefined): boolean {
  const left = normalizeDataPoint(name, a);
  return left !== null && left === normalizeDataPoint(name, b);
}

/** Same folded full name, or same first and last word with middle names ignored (both >= 2 words). */
function sameName(a: string | null | undefined, b: string | null | undefined): boolean {
  const left = normalizeDataPoint("fullName", a);
  const right = normalizeDataPoint("fullName", b);
  if (left === null || right === null) return false;
  if (left === right) return true;
  const l = left.split(" ");
  const r = right.split(" ");
  return l.length >= 2 && r.length >= 2 && l[0] === r[0] && l.at(-1) === r.at(-1);
}

/** Same street (with unit); same ZIP5 when both have one, else the same city and state. */
function sameAddress(a: NormalizedAddress | null, b: NormalizedAddress | null): boolean {
  if (!a || !b || a.street !== b.street) return false;
  if (a.state && b.state && a.state !== b.state) return false;
  if (a.zip5 && b.zip5) return a.zip5 === b.zip5;
  return a.city !== null && a.city === b.city && a.state !== null && a.state === b.state;
}

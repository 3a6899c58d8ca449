/**
 * The data points a requester can be matched on (11 CCR 7062(b)-(c)), and the verification levels
 * of requests.verification_level. Dependency-free, so forms may import the names.
 */
export const DATA_POINT_NAMES = ["email", "phone", "fullName", "postalAddress", "dateOfBirth", "customerNumber"] as const;
export type DataPointName = (typeof DATA_POINT_NAMES)[number];

/** none; "reasonable degree of certainty" (7062(b)); "reasonably high degree of certainty" (7062(c)). */
export const VERIFICATION_LEVELS = ["none", "reasonable", "reasonably_high"] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export interface PostalAddress {
  street: string;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
}

/**
 * What the business's identity source holds about one person, as plain values (the data map's
 * identity section supplies it). Missing points simply cannot match.
 */
export interface HeldIdentity {
  email: string;
  phone?: string | null;
  fullName?: string | null;
  postalAddress?: PostalAddress | null;
  dateOfBirth?: string | null;
  customerNumber?: string | null;
}

/** What the requester typed, plus what the portal established about the request. */
export interface SubmittedIdentity {
  requestType: "categories" | "specific";
  email: string;
  /** The requester entered a code sent to `email` (checkEmailCode "ok"); only then does it count. */
  emailVerified: boolean;
  /** Signed the declaration under penalty of perjury (7062(c)). */
  declarationSigned: boolean;
  phone?: string | null;
  fullName?: string | null;
  postalAddress?: PostalAddress | null;
  dateOfBirth?: string | null;
  customerNumber?: string | null;
}

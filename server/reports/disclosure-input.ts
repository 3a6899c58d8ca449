import type { CollectionSummary } from "../collection/collection-types.shared";
import type { RequestChannel, RequestLanguage, RequestType } from "../requests/request-fields.shared";
import type { ReviewWithholding } from "../review/review-reasons.shared";

/**
 * What the disclosure documents are rendered from: the request as the request module recorded it,
 * the business from the data map, the verification outcome, and the collection summary. The
 * specific pieces themselves are streamed from the spool (SpoolSource), never held here.
 */
export interface DisclosureRequest {
  id: string;
  /** What the consumer asked for: categories (1798.110(a)(1)-(4)) or specific pieces (a)(5). */
  type: RequestType;
  /** Instant of first receipt through any channel, UTC ISO-8601 (7021(b): the clock starts here). */
  receivedAt: string;
  /** Calendar dates, YYYY-MM-DD. */
  receiptDate: string;
  dueDate: string;
  /** Instant the disclosure was completed, UTC ISO-8601; also the PDF's fixed creation date. */
  completedAt: string;
  period: CollectionSummary["period"];
  channel: RequestChannel;
  submittedBy: "consumer" | "agent";
  language: RequestLanguage;
}

export interface DisclosureBusiness {
  name: string;
  legalName?: string;
  contactEmail: string;
  privacyPolicyUrl: string;
}

/** 11 CCR 7062: "reasonable" suffices for categories, "reasonably_high" for specific pieces. */
export type VerificationLevel = "reasonable" | "reasonably_high";

export interface DisclosureInput {
  request: DisclosureRequest;
  business: DisclosureBusiness;
  verificationLevel: VerificationLevel;
  /**
   * A specific-pieces request verified only to the categories standard: answered as a categories
   * request with message M-UNV-SP (11 CCR 7024(a), 7062(f); X1).
   */
  downgraded?: boolean;
  summary: CollectionSummary;
  /**
   * Fields (or one record's fields) a reviewer kept out before release, each with its basis
   * (1798.145(k), X21; R35, R42). Their values are dropped from the specific pieces and the
   * document lists them as withheld by our reviewer. Omitted = none.
   */
  reviewWithholdings?: readonly ReviewWithholding[];
}

/** What the document contains: specific pieces only for a verified, not downgraded RTK-SP. */
export type DisclosureContents = "categories" | "categories_and_specific_pieces";

export function disclosureContents(input: Pick<DisclosureInput, "request" | "downgraded">): DisclosureContents {
  return input.request.type === "specific" && !input.downgraded ? "categories_and_specific_pieces" : "categories";
}

import type { CategoryCode, NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { SourceStatus } from "../collection/collection-types.shared";
import type { ReviewReasonCode } from "../review/review-reasons.shared";
import type { DisclosureContents, DisclosureInput, DisclosureRequest, VerificationLevel } from "./disclosure-input";

// The shape of a disclosure's model, apart from the functions that build it: build-disclosure-model
// and build-disclosure-messages both use it, so neither imports the other (issue 18 item 6).

export const MESSAGE_CODES = [
  "downgraded",
  "categories_only",
  "period",
  "lookback",
  "nothing_found",
  "incomplete_sources",
  "undated_records",
  "earlier_records",
  "no_method",
  "not_sold",
  "not_shared",
  "not_disclosed",
] as const;
export type MessageCode = (typeof MESSAGE_CODES)[number];

export interface MessageEntry {
  code: MessageCode;
  text: string;
}

/** One statutory category with the facts 1798.110(a)(1)-(4) and 1798.115(a) require, per category. */
export interface CategoryEntry {
  code: CategoryCode;
  label: string;
  collected: boolean;
  sources: string[];
  purposes: string[];
  disclosedTo: string[];
  soldTo: string[];
  sharedWith: string[];
  /** The information of this category that is sold (shared), named by field; absent when none is. */
  soldInformation?: string[];
  sharedInformation?: string[];
}

/** A never-disclose type we hold: named with particularity, value never shown (11 CCR 7024(d)). */
export interface WithheldEntry {
  type: NeverDiscloseType;
  label: string;
  count: number;
  statement: string;
  reason: string;
}

/** Values a reviewer kept out of the specific pieces before release, with the basis (R35, X21). */
export interface ReviewWithheldEntry {
  label: string;
  dataset: string;
  /** Values left out (one per record). */
  count: number;
  reasonCode: ReviewReasonCode;
  statement: string;
  reason: string;
}

export interface SourceEntry {
  source: string;
  status: SourceStatus;
  statusLabel: string;
  records: number;
}

/**
 * Everything in a disclosure except the specific pieces, already in the request's language and in
 * document order. Pure: the same input gives the same model, so both documents agree (R33).
 */
export interface DisclosureModel {
  contents: DisclosureContents;
  request: DisclosureRequest;
  business: DisclosureInput["business"];
  verification: { level: VerificationLevel; downgraded: boolean };
  messages: MessageEntry[];
  categories: CategoryEntry[];
  withheld: WithheldEntry[];
  /** Empty unless a reviewer withheld values from the specific pieces. */
  withheldByReview: ReviewWithheldEntry[];
  sources: { complete: boolean; searched: SourceEntry[]; excluded: { dataset: string; reason: string }[] };
  /** sourceId -> label, to name the source of each dataset group; sourceIds never reach a document. */
  sourceLabels: ReadonlyMap<string, string>;
}


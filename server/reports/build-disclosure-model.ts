import { CATEGORY_CODES, CATEGORY_LABELS, type CategoryCode, type NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { SourceStatus } from "../collection/collection-types.shared";
import { buildDisclosureMessages, type MessageEntry } from "./build-disclosure-messages";
import { disclosureContents, type DisclosureContents, type DisclosureInput, type DisclosureRequest, type VerificationLevel } from "./disclosure-input";
import { DISCLOSURE_TEXT } from "./disclosure-text";
import type { DroppedByReview } from "../review/withheld-by-review";
import { reviewReasonText, type ReviewReasonCode } from "../review/review-reasons.shared";
import { formatForLanguage } from "./format-for-language";

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

/**
 * @param foundIn categories in which the spool holds pieces; a category with pieces is reported as
 * collected even if the summary disagrees, so the two halves of a document cannot contradict.
 * @param droppedByReview what the reviewer's withholdings removed from the spool (withholdFromSpool).
 */
export function buildDisclosureModel(
  input: DisclosureInput,
  foundIn: ReadonlySet<CategoryCode> = new Set(),
  droppedByReview: readonly DroppedByReview[] = [],
): DisclosureModel {
  const { request, summary } = input;
  const format = formatForLanguage(request.language);
  const text = DISCLOSURE_TEXT[request.language];
  const categories = CATEGORY_CODES.map((code): CategoryEntry => {
    const facts = summary.categories.find((c) => c.category === code);
    const collected = Boolean(facts?.collected) || foundIn.has(code);
    // Individualized (R26): practices are stated only for categories actually collected about this person.
    const list = (values: { en: string; es: string }[] | undefined) => (collected && values ? values.map((v) => format.text(v)) : []);
    return {
      code,
      label: format.text(CATEGORY_LABELS[code]),
      collected,
      sources: list(facts?.sources),
      purposes: list(facts?.purposes),
      disclosedTo: list(facts?.disclosedTo),
      soldTo: list(facts?.soldTo),
      sharedWith: list(facts?.sharedWith),
      ...(collected && facts?.soldInformation?.length ? { soldInformation: list(facts.soldInformation) } : {}),
      ...(collected && facts?.sharedInformation?.length ? { sharedInformation: list(facts.sharedInformation) } : {}),
    };
  });
  const withheld = summary.withheld.map((w): WithheldEntry => {
    const label = format.text(w.label);
    return { type: w.type, label, count: w.count, statement: text.withheldStatement(label), reason: text.withheldReason };
  });
  // In the order the reviewer decided, so the document does not depend on spool order.
  const order = input.reviewWithholdings ?? [];
  const withheldByReview = [...droppedByReview]
    .filter((d) => d.count > 0)
    .sort((a, b) => order.indexOf(a.withholding) - order.indexOf(b.withholding))
    .map((d): ReviewWithheldEntry => {
      const label = format.text(d.field);
      const dataset = format.text(d.dataset);
      return {
        label,
        dataset,
        count: d.count,
        reasonCode: d.withholding.reasonCode,
        statement: text.withheldByReviewStatement(label, dataset),
        reason: reviewReasonText(request.language, d.withholding.reasonCode, d.withholding.reasonText),
      };
    });
  const searched = summary.sources.map((s): SourceEntry => ({
    source: format.text(s.label),
    status: s.status,
    statusLabel: text.sourceStatus[s.status],
    records: s.records,
  }));
  return {
    contents: disclosureContents(input),
    request,
    business: input.business,
    verification: { level: input.verificationLevel, downgraded: Boolean(input.downgraded) && request.type === "specific" },
    messages: buildDisclosureMessages(input, categories),
    categories,
    withheld,
    withheldByReview,
    sources: {
      complete: summary.complete && summary.sources.every((s) => s.status === "ok"),
      searched,
      excluded: summary.excludedDatasets.map((d) => ({ dataset: format.text(d.label), reason: format.text(d.reason) })),
    },
    sourceLabels: new Map(summary.sources.map((s) => [s.sourceId, format.text(s.label)])),
  };
}

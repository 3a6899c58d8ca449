import { CATEGORY_CODES, CATEGORY_LABELS, type CategoryCode } from "../categories/ccpa-categories.shared";
import { buildDisclosureMessages } from "./build-disclosure-messages";
import { disclosureContents, type DisclosureInput } from "./disclosure-input";
import type { CategoryEntry, DisclosureModel, ReviewWithheldEntry, SourceEntry, WithheldEntry } from "./disclosure-model";
import { DISCLOSURE_TEXT } from "./disclosure-text";
import type { DroppedByReview } from "../review/withheld-by-review";
import { reviewReasonText } from "../review/review-reasons.shared";
import { formatForLanguage } from "./format-for-language";

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

import { disclosureContents, type DisclosureInput } from "./disclosure-input";
import { DISCLOSURE_TEXT } from "./disclosure-text";
import type { CategoryEntry, MessageCode, MessageEntry } from "./disclosure-model";
import { formatForLanguage } from "./format-for-language";

/**
 * The notices a consumer must read before the tables, in reading order. Each is individual to
 * this request (R26): the period actually covered (7024(h)), why specific pieces are missing
 * (M-UNV-SP, X1), the law's start date when everything was asked for (M-LOOKBACK, X14), systems
 * that could not be searched (X22), data we could not link to the person (M-NOMETHOD, X26), and
 * the explicit negatives of R24 (an empty "sold to" section must say so in words).
 */
export function buildDisclosureMessages(input: DisclosureInput, categories: readonly CategoryEntry[]): MessageEntry[] {
  const { request, summary } = input;
  const text = DISCLOSURE_TEXT[request.language];
  const format = formatForLanguage(request.language);
  const messages: MessageEntry[] = [];
  const add = (code: MessageCode, value: string) => messages.push({ code, text: value });

  if (input.downgraded && request.type === "specific") add("downgraded", text.downgraded);
  else if (disclosureContents(input) === "categories") add("categories_only", text.categoriesOnly);

  const start = format.date(summary.period.start);
  const end = format.date(summary.period.end);
  add("period", summary.period.kind === "since_2022" ? text.periodSince2022(start, end) : text.period12Months(start, end));
  if (summary.period.kind === "since_2022") add("lookback", text.lookback);

  const collected = categories.filter((c) => c.collected);
  if (collected.length === 0 && summary.withheld.length === 0) add("nothing_found", text.nothingFound(start, end));
  // A categories-only answer shows no records: it does not point at markers it does not have.
  const withPieces = disclosureContents(input) === "categories_and_specific_pieces";

  const failed = summary.sources.filter((s) => s.status !== "ok").map((s) => format.text(s.label));
  if (!summary.complete || failed.length > 0) add("incomplete_sources", text.incomplete(format.list(failed.length ? failed : ["—"])));
  if (summary.undatedRecords > 0) add("undated_records", text.undated(format.number(summary.undatedRecords), summary.undatedRecords === 1, withPieces));
  const earlier = summary.earlierRecords ?? 0;
  if (earlier > 0) add("earlier_records", text.earlier(format.number(earlier), earlier === 1, start, withPieces));
  for (const excluded of summary.excludedDatasets) add("no_method", text.noMethod(format.text(excluded.label), format.text(excluded.reason)));

  if (collected.length > 0) {
    if (collected.every((c) => c.soldTo.length === 0)) add("not_sold", text.notSold);
    if (collected.every((c) => c.sharedWith.length === 0)) add("not_shared", text.notShared);
    if (collected.every((c) => c.disclosedTo.length === 0)) add("not_disclosed", text.notDisclosed);
  }
  return messages;
}

import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { CategoryCode, LocalizedText } from "../categories/ccpa-categories.shared";
import type { SpoolDataset, SpoolRecord } from "../collection/collection-types.shared";
import type { AppContext } from "../context";
import type { SpoolSlice } from "../reports/spool-source";
import { isPiece } from "../reports/plan-specific-pieces";
import { findMentionCandidates, nameKey, type MentionCandidates, type MentionSpan } from "./find-mention-candidates";
import { lookUpKnownPeople, type KnownPeople } from "./look-up-known-people";
import { readReviewIndexFile, scanSpoolRecords, spoolVersion, writeReviewIndexFile, type SpoolFiles } from "./read-spool-page";

/** Records per review page, and the index's stride: every page starts at a recorded offset. */
export const REVIEW_PAGE_SIZE = 25;
const INDEX_FORMAT = 2;

export interface ReviewIndexField {
  fieldId: string;
  label: LocalizedText;
  categories: CategoryCode[];
  neverDisclose: boolean;
}

export interface ReviewIndexDataset {
  /** "sourceId/datasetId": names a dataset in the review page's URL (no personal data). */
  key: string;
  label: LocalizedText;
  sourceId: string;
  fields: ReviewIndexField[];
  /** Records with at least one piece to disclose. */
  records: number;
  categories: Partial<Record<CategoryCode, number>>;
  /** Plaintext offset of record 0, REVIEW_PAGE_SIZE, 2 x REVIEW_PAGE_SIZE, ... of this dataset. */
  offsets: number[];
}

/** A value that mentions someone else: where, never what (the index holds no personal data). */
export interface MentionEntry {
  dataset: string;
  /** 0-based position of the record among its dataset's records. */
  ordinal: number;
  start: number;
  recordKey: string;
  fieldId: string;
  spans: MentionSpan[];
}

export interface ReviewIndex {
  format: number;
  spoolVersion: string;
  recordCount: number;
  categoryRecords: Partial<Record<CategoryCode, number>>;
  gaps: SpoolSlice[];
  datasets: ReviewIndexDataset[];
  mentions: MentionEntry[];
}

/** The requester's own identifiers: a mention of them is no one else's data. */
export interface RequesterIdentifiers {
  emails: string[];
  phones: string[];
  names: string[];
}

/**
 * The review desk's index of one spool (issue 17): per dataset the record count, the categories and
 * the offset of every REVIEW_PAGE_SIZE-th record, so a page is read from its offset instead of from
 * the start; and the values that mention another person (1798.145(k), R30). Built by the
 * collect_request job right after the spool is written (ADR 043), so no reviewer waits for it;
 * built here, at the first review, only when that did not happen (an older spool, a failed build).
 */
export async function ensureReviewIndex(ctx: AppContext, input: { files: SpoolFiles; requester: RequesterIdentifiers }): Promise<ReviewIndex> {
  const version = await spoolVersion(input.files);
  const cached = await readReviewIndexFile<ReviewIndex>(input.files);
  if (cached && cached.format === INDEX_FORMAT && cached.spoolVersion === version) return cached;
  return buildReviewIndex(ctx, input);
}

/** A value of the spool that may mention someone: where it is, and what it may mention. */
interface Candidate {
  dataset: string;
  ordinal: number;
  start: number;
  recordKey: string;
  fieldId: string;
  found: MentionCandidates;
}

/** Distinct short values whose candidates are remembered during a build: page views repeat a few user agents and cities 100,000 times. */
const MEMO_MAX = 20_000;
const MEMO_VALUE_CHARS = 500;

/**
 * Builds the index in one scan of the spool and writes it beside it. The candidates of each value
 * are found once (a value seen before reuses them) and kept in memory, never on disk, until the
 * customer list has said which of them it knows; then the mentions are those candidates' spans.
 */
export async function buildReviewIndex(ctx: AppContext, input: { files: SpoolFiles; requester: RequesterIdentifiers }): Promise<ReviewIndex> {
  const version = await spoolVersion(input.files);
  const own = ownIdentifiers(input.requester);
  const gaps: SpoolSlice[] = [];
  const datasets = new Map<string, ReviewIndexDataset>();
  const categoryRecords: Partial<Record<CategoryCode, number>> = {};
  const emails = new Set<string>();
  const names = new Set<string>();
  const candidates: Candidate[] = [];
  const memo = new Map<string, MentionCandidates>();
  let recordCount = 0;
  for await (const { record, start } of scanSpoolRecords(input.files, gaps)) {
    const pieces = pieceSlots(record);
    if (pieces.length === 0) continue;
    recordCount += 1;
    const dataset = datasetOf(datasets, record);
    const ordinal = dataset.records;
    if (ordinal % REVIEW_PAGE_SIZE === 0) dataset.offsets.push(start);
    dataset.records += 1;
    const codes = new Set(pieces.flatMap((slot) => record.dataset.fields[slot]!.categories));
    for (const code of codes) {
      dataset.categories[code] = (dataset.categories[code] ?? 0) + 1;
      categoryRecords[code] = (categoryRecords[code] ?? 0) + 1;
    }
    for (const slot of pieces) {
      const value = record.values[slot];
      const field = record.dataset.fields[slot]!;
      if (typeof value !== "string" || field.neverDisclose) continue;
      let found = memo.get(value);
      if (!found) {
        found = findMentionCandidates(value);
        if (value.length <= MEMO_VALUE_CHARS) {
          if (memo.size >= MEMO_MAX) memo.clear();
          memo.set(value, found);
        }
      }
      if (found.emails.length === 0 && found.phones.length === 0 && found.names.length === 0) continue;
      for (const e of found.emails) if (!own.emails.has(e.value)) emails.add(e.value);
      for (const n of found.names) if (!own.names.has(nameKey(n.value))) names.add(n.value);
      candidates.push({ dataset: dataset.key, ordinal, start, recordKey: record.recordKey, fieldId: field.fieldId, found });
    }
  }
  memo.clear();
  const known = await lookUpKnownPeople(ctx, { emails: [...emails], names: [...names] });
  const spansOf = new Map<MentionCandidates, MentionSpan[]>();
  const mentions: MentionEntry[] = [];
  for (const c of candidates) {
    let spans = spansOf.get(c.found);
    if (!spans) spansOf.set(c.found, (spans = candidateSpans(c.found, known, own)));
    if (spans.length > 0) mentions.push({ dataset: c.dataset, ordinal: c.ordinal, start: c.start, recordKey: c.recordKey, fieldId: c.fieldId, spans });
  }
  const index: ReviewIndex = { format: INDEX_FORMAT, spoolVersion: version, recordCount, categoryRecords, gaps, datasets: [...datasets.values()], mentions };
  await writeReviewIndexFile(input.files, index);
  return index;
}

/** The spans of one value that name someone else; overlapping windows of a name collapse into one. */
export function mentionSpans(value: string, known: KnownPeople, own: Own): MentionSpan[] {
  return candidateSpans(findMentionCandidates(value), known, own);
}

function candidateSpans(found: MentionCandidates, known: KnownPeople, own: Own): MentionSpan[] {
  const spans: MentionSpan[] = [
    ...found.emails.filter((e) => !own.emails.has(e.value)).map((e) => ({ start: e.start, end: e.end, kind: known.emails.has(e.value) ? ("customer_email" as const) : ("email" as const) })),
    ...found.phones.filter((p) => !own.phones.has(p.e164)).map((p) => ({ start: p.start, end: p.end, kind: "phone" as const })),
    ...found.names.filter((n) => known.names.has(nameKey(n.value)) && !own.names.has(nameKey(n.value))).map((n) => ({ start: n.start, end: n.end, kind: "customer_name" as const })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
  return spans.filter((span, i) => !spans.slice(0, i).some((o) => o.start <= span.start && o.end >= span.end));
}

export interface Own {
  emails: Set<string>;
  phones: Set<string>;
  names: Set<string>;
}

export function ownIdentifiers(requester: RequesterIdentifiers): Own {
  const phones = requester.phones.map((p) => parsePhoneNumberFromString(p, "US")?.number).filter((p): p is NonNullable<typeof p> => Boolean(p));
  return { emails: new Set(requester.emails.map((e) => e.trim().toLowerCase())), phones: new Set<string>(phones), names: new Set(requester.names.map(nameKey)) };
}

export function datasetKey(record: SpoolRecord): string {
  return `${record.dataset.sourceId}/${record.dataset.datasetId}`;
}

/** Slots of the record that the disclosure would show (a value, or a never-disclose type collected). */
export function pieceSlots(record: SpoolRecord): number[] {
  const slots: number[] = [];
  record.values.forEach((value, slot) => {
    if (isPiece(value) && (record.dataset.fields[slot]?.categories.length ?? 0) > 0) slots.push(slot);
  });
  return slots;
}

const merged = new WeakSet<SpoolDataset>();

function datasetOf(datasets: Map<string, ReviewIndexDataset>, record: SpoolRecord): ReviewIndexDataset {
  const key = datasetKey(record);
  let dataset = datasets.get(key);
  if (!dataset) datasets.set(key, (dataset = { key, label: record.dataset.label, sourceId: record.dataset.sourceId, fields: [], records: 0, categories: {}, offsets: [] }));
  if (merged.has(record.dataset)) return dataset;
  merged.add(record.dataset);
  // Several dataset lines may describe one dataset: the union of their fields, in first-seen order.
  for (const f of record.dataset.fields) {
    if (!dataset.fields.some((known) => known.fieldId === f.fieldId)) dataset.fields.push({ fieldId: f.fieldId, label: f.label, categories: f.categories, neverDisclose: f.neverDisclose });
  }
  return dataset;
}


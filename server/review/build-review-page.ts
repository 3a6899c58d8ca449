import { recordAuditEvent } from "../audit/record-audit-event";
import { CATEGORY_CODES, CATEGORY_LABELS, NEVER_DISCLOSE_LABELS, NEVER_DISCLOSE_TYPES, type CategoryCode, type NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { SpoolRecord } from "../collection/collection-types.shared";
import type { AppContext } from "../context";
import { datasetKey, ensureReviewIndex, pieceSlots, REVIEW_PAGE_SIZE, type MentionEntry, type RequesterIdentifiers, type ReviewIndex } from "./build-review-index";
import type { MentionKind } from "./find-mention-candidates";
import { readSpoolRecordsFrom, readSpoolSummary, reviewSpoolFiles, spoolIsAvailable, type SpoolFiles } from "./read-spool-page";
import type { ReviewWithholding } from "./review-reasons.shared";
import { searchDisclosure } from "./search-disclosure";
import { withholdingFor } from "./withheld-by-review";

/** Characters of one value shown; the disclosure itself carries the whole value. */
const VALUE_CHARS = 1000;
/** Bytes read for one mentioned record before falling back to reading on. */
const MENTION_WINDOW = 16 * 1024;

export interface ReviewFilter {
  category: CategoryCode | null;
  dataset: string | null;
  q: string;
  /** 0-based page of the dataset or of the search results. */
  page: number;
  /** 0-based page of the records that mention someone else. */
  mentionsPage: number;
}

export interface PageMark {
  start: number;
  end: number;
  kind: MentionKind | "search";
}

export interface PagePiece {
  fieldId: string;
  label: string;
  /** The value (cut at VALUE_CHARS), or for a never-disclose field only the type collected (7024(d), X13). */
  value: string | null;
  neverDisclose: string | null;
  withheldBy: { id: string; scope: "record" | "field" | "match" } | null;
  marks: PageMark[];
}

export interface PageRecord {
  dataset: string;
  datasetLabel: string;
  /** 1-based position among the dataset's records: "record 50". */
  ordinal: number;
  recordKey: string;
  recordedAt: string | null;
  pieces: PagePiece[];
}

export interface ReviewDatasetSummary {
  key: string;
  label: string;
  source: string;
  records: number;
  categories: CategoryCode[];
  fields: { fieldId: string; label: string; neverDisclose: boolean; categories: CategoryCode[] }[];
}

export type ReviewView =
  | { kind: "dataset"; dataset: ReviewDatasetSummary; page: number; pages: number; records: PageRecord[] }
  | { kind: "search"; records: number; values: number; page: number; pages: number; hits: PageRecord[] }
  | { kind: "empty" };

export type ReviewPage =
  | { available: false }
  | {
      available: true;
      complete: boolean;
      recordCount: number;
      pageSize: number;
      categories: { code: CategoryCode; label: string; records: number }[];
      datasets: ReviewDatasetSummary[];
      filter: ReviewFilter;
      view: ReviewView;
      mentions: { records: number; page: number; pages: number; shown: PageRecord[] };
    };

/**
 * One page of the disclosure review (R42, issue 17): every record of every dataset, REVIEW_PAGE_SIZE
 * at a time, read from the offset the review index keeps for the page (never the whole spool), or
 * the records matching a free-text search (a streamed scan); with each value's withholding and the
 * mentions of other people found for the reviewer (1798.145(k), R30). Records an
 * ops.disclosure_previewed audit event (counts only): a staff member saw a person's data.
 */
export async function buildReviewPage(
  ctx: AppContext,
  input: { requestId: string; staffId: string; withholdings: readonly ReviewWithholding[]; requester: RequesterIdentifiers; filter: ReviewFilter },
): Promise<ReviewPage> {
  const files: SpoolFiles = reviewSpoolFiles(ctx.env, input.requestId);
  if (!spoolIsAvailable(files)) return { available: false };
  const summary = await readSpoolSummary(files);
  const index = await ensureReviewIndex(ctx, { files, requester: input.requester });
  const sources = new Map(summary.sources.map((s) => [s.sourceId, s.label.en]));
  const datasets: ReviewDatasetSummary[] = index.datasets.map((d) => ({
    key: d.key,
    label: d.label.en,
    source: sources.get(d.sourceId) ?? d.sourceId,
    records: d.records,
    categories: CATEGORY_CODES.filter((c) => (d.categories[c] ?? 0) > 0),
    fields: d.fields.map((f) => ({ fieldId: f.fieldId, label: f.label.en, neverDisclose: f.neverDisclose, categories: f.categories })),
  }));
  const filter = { ...input.filter };
  if (filter.category && !CATEGORY_CODES.includes(filter.category)) filter.category = null;
  const inCategory = datasets.filter((d) => !filter.category || d.categories.includes(filter.category));
  if (filter.dataset && !inCategory.some((d) => d.key === filter.dataset)) filter.dataset = null;
  const mark = marker(index, input.withholdings, filter.category);

  let view: ReviewView;
  if (filter.q) {
    const found = await searchDisclosure(files, { text: filter.q, dataset: filter.dataset, category: filter.category, skip: filter.page * REVIEW_PAGE_SIZE, take: REVIEW_PAGE_SIZE });
    const labels = new Map(datasets.map((d) => [d.key, d.label]));
    const hits = found.hits.map((h) => mark(h.record, h.ordinal, labels.get(h.dataset) ?? h.dataset, filter.q));
    view = { kind: "search", records: found.records, values: found.values, page: filter.page, pages: Math.max(1, Math.ceil(found.records / REVIEW_PAGE_SIZE)), hits };
  } else {
    const dataset = inCategory.find((d) => d.key === filter.dataset) ?? inCategory[0];
    if (!dataset) view = { kind: "empty" };
    else {
      filter.dataset = dataset.key;
      const pages = Math.max(1, Math.ceil(dataset.records / REVIEW_PAGE_SIZE));
      filter.page = Math.min(filter.page, pages - 1);
      const records = await readDatasetPage(files, index, dataset.key, filter.page);
      view = { kind: "dataset", dataset, page: filter.page, pages, records: records.map((r, i) => mark(r, filter.page * REVIEW_PAGE_SIZE + i, dataset.label, "")) };
    }
  }

  const mentionRecords = [...new Set(index.mentions.map((m) => `${m.dataset}\u0000${m.ordinal}`))].length;
  const mentionPages = Math.max(1, Math.ceil(index.mentions.length / REVIEW_PAGE_SIZE));
  filter.mentionsPage = Math.min(filter.mentionsPage, mentionPages - 1);
  const shownMentions = await readMentions(files, index, index.mentions.slice(filter.mentionsPage * REVIEW_PAGE_SIZE, (filter.mentionsPage + 1) * REVIEW_PAGE_SIZE), (record, m) => {
    const label = datasets.find((d) => d.key === m.dataset)?.label ?? m.dataset;
    const shown = mark(record, m.ordinal, label, "");
    return { ...shown, pieces: shown.pieces.filter((p) => p.fieldId === m.fieldId) };
  });

  const shownCount = view.kind === "dataset" ? view.records.length : view.kind === "search" ? view.hits.length : 0;
  await recordAuditEvent(ctx, {
    actor: { kind: "staff", id: input.staffId },
    action: "ops.disclosure_previewed",
    requestId: input.requestId,
    details: { records: index.recordCount, shown: shownCount + shownMentions.length, page: filter.page, search: Boolean(filter.q), withholdings: input.withholdings.length },
  });
  return {
    available: true,
    complete: summary.complete,
    recordCount: index.recordCount,
    pageSize: REVIEW_PAGE_SIZE,
    categories: CATEGORY_CODES.filter((c) => (index.categoryRecords[c] ?? 0) > 0).map((code) => ({ code, label: CATEGORY_LABELS[code].en, records: index.categoryRecords[code]! })),
    datasets,
    filter,
    view,
    mentions: { records: mentionRecords, page: filter.mentionsPage, pages: mentionPages, shown: shownMentions },
  };
}

/** Records [page x size, page x size + size) of one dataset, read from the page's indexed offset. */
async function readDatasetPage(files: SpoolFiles, index: ReviewIndex, key: string, page: number): Promise<SpoolRecord[]> {
  const dataset = index.datasets.find((d) => d.key === key);
  const start = dataset?.offsets[page];
  if (!dataset || start === undefined) return [];
  // The last page holds the rest: stop there rather than read on to the end of the spool.
  const wanted = Math.min(REVIEW_PAGE_SIZE, dataset.records - page * REVIEW_PAGE_SIZE);
  const records: SpoolRecord[] = [];
  for await (const record of readSpoolRecordsFrom(files, { gaps: index.gaps, start })) {
    if (datasetKey(record) !== key || pieceSlots(record).length === 0) continue;
    records.push(record);
    if (records.length >= wanted) break;
  }
  return records;
}

async function readMentions<T>(files: SpoolFiles, index: ReviewIndex, mentions: readonly MentionEntry[], view: (record: SpoolRecord, m: MentionEntry) => T): Promise<T[]> {
  const shown: T[] = [];
  for (const m of mentions) {
    // One line is wanted: a small window first (a whole read block per mention is most of the cost), the rest of the spool only for a longer line.
    let record: SpoolRecord | undefined;
    try {
      for await (const read of readSpoolRecordsFrom(files, { gaps: index.gaps, start: m.start, end: m.start + MENTION_WINDOW })) {
        record = read;
        break;
      }
    } catch {
      // The line is longer than the window (cut, so not JSON): read it whole below.
    }
    if (!record) {
      for await (const read of readSpoolRecordsFrom(files, { gaps: index.gaps, start: m.start })) {
        record = read;
        break;
      }
    }
    if (record) shown.push(view(record, m));
  }
  return shown;
}

function marker(index: ReviewIndex, withholdings: readonly ReviewWithholding[], category: CategoryCode | null) {
  const mentions = new Map(index.mentions.map((m) => [`${m.dataset}\u0000${m.ordinal}\u0000${m.fieldId}`, m.spans]));
  return (record: SpoolRecord, ordinal: number, datasetLabel: string, search: string): PageRecord => {
    const key = datasetKey(record);
    const pieces = pieceSlots(record)
      .filter((slot) => !category || record.dataset.fields[slot]!.categories.includes(category))
      .map((slot): PagePiece => {
        const field = record.dataset.fields[slot]!;
        const raw = record.values[slot];
        const withholding = withholdingFor(withholdings, field.fieldId, record.recordKey, field.neverDisclose ? null : raw, key);
        const withheldBy = withholding ? { id: withholding.id, scope: withholding.matchText ? ("match" as const) : withholding.recordKey === null ? ("field" as const) : ("record" as const) } : null;
        const label = field.label?.en ?? field.fieldId;
        if (field.neverDisclose) {
          const type = raw as NeverDiscloseType;
          return { fieldId: field.fieldId, label, value: null, neverDisclose: NEVER_DISCLOSE_TYPES.includes(type) ? NEVER_DISCLOSE_LABELS[type].en : "never-disclose type", withheldBy, marks: [] };
        }
        const text = typeof raw === "string" ? raw : JSON.stringify(raw);
        const value = text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
        const marks: PageMark[] = [...(mentions.get(`${key}\u0000${ordinal}\u0000${field.fieldId}`) ?? []), ...searchMarks(text, search)].filter((m) => m.end <= Math.min(VALUE_CHARS, text.length));
        return { fieldId: field.fieldId, label, value, neverDisclose: null, withheldBy, marks: marks.sort((a, b) => a.start - b.start).filter((m, i, all) => i === 0 || m.start >= all[i - 1]!.end) };
      });
    return { dataset: key, datasetLabel, ordinal: ordinal + 1, recordKey: record.recordKey, recordedAt: record.recordedAt, pieces };
  };
}

function searchMarks(text: string, search: string): PageMark[] {
  if (!search) return [];
  const marks: PageMark[] = [];
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  for (let at = lower.indexOf(needle); at !== -1 && marks.length < 20; at = lower.indexOf(needle, at + needle.length)) marks.push({ start: at, end: at + needle.length, kind: "search" });
  return marks;
}

import { CATEGORY_CODES, type CategoryCode } from "../categories/ccpa-categories.shared";
import type { ScalarValue, SpoolDataset, SpoolFieldSpec } from "./collection-types.shared";

/** A byte range [start, end) of the spool holding whole lines. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A column of one category's table of a dataset, counted over its pieces. */
export interface TalliedColumn {
  /** pieceKey of the field: matching only, never written to a document. */
  key: string;
  /** The dataset line where the column was first met, and the field's place in it (columns follow the map). */
  ref: number;
  order: number;
  characters: number;
  values: number;
  token: string;
}

export interface TalliedGroup {
  code: CategoryCode;
  /** The dataset line that opened the group: its label is the dataset's. Labels are not repeated here. */
  ref: number;
  records: number;
  columns: TalliedColumn[];
}

export interface TalliedPieceDataset {
  sourceId: string;
  datasetId: string;
  /** Where the dataset's records are, adjacent ones merged. */
  slices: ByteRange[];
  groups: TalliedGroup[];
}

/**
 * What the disclosure's layout needs to know of the whole spool, counted as records go by: the
 * datasets in first-seen order, per category their columns, piece counts, characters and longest
 * words, and where their records are. Collection writes it as the spool's last line (SpoolTallyLine)
 * so the renderers need not read every record once more just to count; the reports' plan reads it,
 * or counts the same way with a scan when a spool has none (one written by encodeSpoolLines).
 */
export interface SpoolPieceTally {
  /** Distinct records holding at least one piece. */
  records: number;
  datasets: TalliedPieceDataset[];
  /** The dataset lines' own ranges, for readers that skip the scan (read() joins records with them). */
  lines: ByteRange[];
}

/** The spool's last line when collection wrote it: `{"tally":{...}}`. */
export interface SpoolTallyLine {
  tally: SpoolPieceTally;
}

/** About the length of "Collected, not shown (see Part 3)". */
const WITHHELD_CHARACTERS = 34;
const TOKEN_CHARACTERS = 36;
/** Longer values are prose or data blobs that wrap anyway; not split into words, to save time. */
const TOKEN_SCAN_CHARACTERS = 64;

/**
 * A field's slot is a piece when it holds a value, or, for a never-disclose field, the type
 * collected (7024(d)): the consumer is told it was collected, not what it is.
 */
export function isPiece(value: ScalarValue | undefined): boolean {
  return value !== null && value !== undefined;
}

/** The column a field belongs to: its internal field id (a missing id falls back to its label). */
export function pieceKey(field: SpoolFieldSpec): string {
  return field.fieldId || JSON.stringify(field.label ?? "");
}

/** One category of one field of a dataset line; its group and column are made at its first piece. */
interface Slot {
  code: CategoryCode;
  field: SpoolFieldSpec;
  group?: GroupCount;
  column?: TalliedColumn;
}

/** A group and the number of the last record it counted, so a record counts once per group. */
interface GroupCount {
  group: TalliedGroup;
  lastRecord: number;
}

interface Layout {
  entry: TalliedPieceDataset;
  groups: Map<CategoryCode, GroupCount>;
}

/**
 * Counts the records of one dataset line as they are written: `piece` for each field of the
 * record that holds a piece (its place in the line's fields and its value as a reader decodes
 * it, never null), then `end` with the record's byte range. The spool encoder calls it as it
 * writes each value, so no array of the record's values is filled only to be looped once more
 * (issue 14 item 4).
 */
export interface RecordCounter {
  piece(field: number, value: string | number | boolean): void;
  end(start: number, end: number): void;
}

/**
 * The counter behind SpoolPieceTally. Work per record is a call per piece; everything per
 * field (categories, column) is looked up once per dataset line. Records of a dataset need not be
 * adjacent in the spool; memory grows with datasets and fields, not records.
 */
export function tallySpoolPieces(): { line(dataset: SpoolDataset): RecordCounter; record(dataset: SpoolDataset, values: readonly ScalarValue[], start: number, end: number): void; result(lines?: ByteRange[]): SpoolPieceTally } {
  const datasets = new Map<string, Layout>();
  const counters = new Map<SpoolDataset, RecordCounter>();
  // Every record counted gets a number; a group counts a record when its lastRecord is not it.
  let seen = 0;
  let records = 0;
  // Whether the record being counted holds a piece: records are counted one at a time.
  let counted = false;

  const line = (dataset: SpoolDataset): RecordCounter => {
    let counter = counters.get(dataset);
    if (counter) return counter;
    let layout: Layout | undefined;
    // Every slot has its group and column properties from the start (undefined until its first
    // piece), and the arrays are built by push from literals (map() makes another elements kind
    // once this code is optimized): one shape for each, so the counter's optimized code is not
    // thrown away and compiled again (issue 14 item 4, ADR 056).
    const slots: Slot[][] = [];
    for (const field of dataset.fields) {
      const own: Slot[] = [];
      for (const code of field.categories ?? []) if (CATEGORY_CODES.includes(code)) own.push({ code, field, group: undefined, column: undefined });
      slots.push(own);
    }
    const open = (slot: Slot): TalliedColumn => {
      // The dataset takes its place at its first record, as the documents list datasets.
      layout ??= layoutOf(dataset);
      let count = layout.groups.get(slot.code);
      if (!count) {
        count = { group: { code: slot.code, ref: dataset.ref, records: 0, columns: [] }, lastRecord: 0 };
        layout.groups.set(slot.code, count);
        layout.entry.groups.push(count.group);
      }
      const group = count.group;
      const key = pieceKey(slot.field);
      let column = group.columns.find((c) => c.key === key);
      if (!column) group.columns.push((column = { key, ref: dataset.ref, order: dataset.fields.indexOf(slot.field), characters: 0, values: 0, token: "" }));
      slot.group = count;
      slot.column = column;
      return column;
    };
    counter = {
      piece(field, value) {
        // The number of the record being counted: a group counts a record once.
        const record = seen + 1;
        const own = slots[field]!;
        for (let s = 0; s < own.length; s++) {
          const slot = own[s]!;
          const column = slot.column ?? open(slot);
          const group = slot.group!;
          if (slot.field.neverDisclose) column.characters += WITHHELD_CHARACTERS;
          else {
            const characters = charactersOf(value);
            column.characters += characters;
            if (characters > column.token.length && characters <= TOKEN_SCAN_CHARACTERS) {
              const word = longestWord(String(value));
              if (word.length > column.token.length && word.length <= TOKEN_CHARACTERS && !word.includes("/")) column.token = word;
            }
          }
          column.values += 1;
          if (group.lastRecord !== record) {
            group.lastRecord = record;
            group.group.records += 1;
            counted = true;
          }
        }
      },
      end(start, end) {
        layout ??= layoutOf(dataset);
        const { slices } = layout.entry;
        const last = slices.at(-1);
        if (last && last.end === start) last.end = end;
        else slices.push({ start, end });
        seen += 1;
        if (counted) records += 1;
        counted = false;
      },
    };
    counters.set(dataset, counter);
    return counter;
  };

  return {
    line,
    record(dataset, values, start, end) {
      const counter = line(dataset);
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (isPiece(value)) counter.piece(i, value!);
      }
      counter.end(start, end);
    },
    result: (lines = []) => ({ records, datasets: [...datasets.values()].map((d) => d.entry), lines }),
  };

  function layoutOf(dataset: SpoolDataset): Layout {
    const key = JSON.stringify([dataset.sourceId, dataset.datasetId]);
    let layout = datasets.get(key);
    if (!layout) datasets.set(key, (layout = { entry: { sourceId: dataset.sourceId, datasetId: dataset.datasetId, slices: [], groups: [] }, groups: new Map() }));
    return layout;
  }
}

/**
 * String(value).length without making the string for an integer (ids, counts, cents: most numbers
 * in a spool), as this runs for every piece of every record (issue 14 item 4).
 */
function charactersOf(value: string | number | boolean): number {
  if (typeof value === "string") return value.length;
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) < 2 ** 31) {
    let characters = value < 0 ? 2 : 1;
    for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) characters += 1;
    return characters;
  }
  return String(value).length;
}

/** The first longest run between spaces; found by index, so a text of short words allocates nothing. */
function longestWord(text: string): string {
  let space = text.indexOf(" ");
  if (space < 0) return text;
  let from = 0;
  let best = 0;
  let bestLength = -1;
  for (;;) {
    const end = space < 0 ? text.length : space;
    if (end - from > bestLength) {
      best = from;
      bestLength = end - from;
    }
    if (space < 0) return text.slice(best, best + bestLength);
    from = space + 1;
    space = text.indexOf(" ", from);
  }
}

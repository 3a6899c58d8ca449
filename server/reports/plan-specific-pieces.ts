import { CATEGORY_CODES, CATEGORY_LABELS, type CategoryCode } from "../categories/ccpa-categories.shared";
import type { ScalarValue, SpoolDataset, SpoolFieldSpec } from "../collection/collection-types.shared";
import type { RequestLanguage } from "../requests/request-fields.shared";
import { formatForLanguage } from "./format-for-language";
import type { SpoolSlice, SpoolSource } from "./spool-source";

/** A column of a dataset's table: `key` is the internal field id, used for matching only. */
export interface PieceColumn {
  key: string;
  label: string;
  /** Characters of all this column's values, to share the table width by typical content. */
  characters: number;
  values: number;
  /**
   * The longest word seen in a short value, up to TOKEN_CHARACTERS (an IP address, an id, the time
   * of "2025-06-01 09:30:00"): the PDF keeps the column this wide when it can, so such words are
   * not broken mid-way. Paths and URLs are left out: they are long, and read fine broken.
   */
  token: string;
}

export interface DatasetPieces {
  /** Internal identity of the dataset; never written to a document. */
  sourceId: string;
  datasetId: string;
  source: string;
  dataset: string;
  /** The fields of this category found in this dataset, in the data map's order. */
  columns: PieceColumn[];
  /** Records of the dataset with at least one piece in this category. */
  records: number;
  /** Where all records of the dataset are; shared by the dataset's groups in every category. */
  slices: SpoolSlice[];
}

export interface CategoryPieces {
  code: CategoryCode;
  label: string;
  records: number;
  datasets: DatasetPieces[];
}

export interface PiecesPlan {
  categories: CategoryPieces[];
  /** Distinct records that hold at least one piece. */
  records: number;
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
  group?: DatasetPieces;
  column?: PieceColumn;
}

interface DatasetLayout {
  slices: SpoolSlice[];
  groups: Map<CategoryCode, DatasetPieces>;
}

/**
 * One pass over the spool to decide the layout of the specific pieces: which categories have
 * pieces, the datasets in each (first-seen order), their columns (map order) and record
 * counts, and the byte ranges to read each dataset again. Memory grows with the number of
 * datasets and fields, not records; records of a dataset need not be adjacent in the spool.
 */
export async function planSpecificPieces(
  source: SpoolSource,
  options: { language: RequestLanguage; sourceLabels: ReadonlyMap<string, string> },
): Promise<PiecesPlan> {
  const format = formatForLanguage(options.language);
  const datasets = new Map<string, DatasetLayout>();
  // Per dataset line, per field: the categories it counts in (work done once per line, not per record).
  const lines = new Map<SpoolDataset, { layout: DatasetLayout; slots: Slot[][] }>();
  const counted = new Set<DatasetPieces>();
  // A column's place among the dataset's fields: columns follow the map, not which field came first.
  const fieldOrder = new Map<PieceColumn, number>();
  let records = 0;
  for await (const { record, start, end } of source.scan()) {
    let line = lines.get(record.dataset);
    if (!line) lines.set(record.dataset, (line = { layout: layoutOf(record.dataset), slots: slotsOf(record.dataset) }));
    const { slices } = line.layout;
    const last = slices.at(-1);
    if (last && last.end === start) last.end = end;
    else slices.push({ start, end });

    counted.clear();
    const { values } = record;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (!isPiece(value)) continue;
      for (const slot of line.slots[i]!) {
        const column = slot.column ?? openColumn(record.dataset, line.layout, slot);
        const group = slot.group!;
        if (slot.field.neverDisclose) column.characters += WITHHELD_CHARACTERS;
        else {
          const text = String(value);
          column.characters += text.length;
          if (text.length > column.token.length && text.length <= TOKEN_SCAN_CHARACTERS) {
            const word = longestWord(text);
            if (word.length > column.token.length && word.length <= TOKEN_CHARACTERS && !word.includes("/")) column.token = word;
          }
        }
        column.values += 1;
        if (!counted.has(group)) {
          counted.add(group);
          group.records += 1;
        }
      }
    }
    if (counted.size > 0) records += 1;
  }

  const categories: CategoryPieces[] = [];
  for (const code of CATEGORY_CODES) {
    const groups = [...datasets.values()].flatMap((d) => (d.groups.has(code) ? [d.groups.get(code)!] : []));
    if (groups.length === 0) continue;
    for (const group of groups) group.columns.sort((a, b) => fieldOrder.get(a)! - fieldOrder.get(b)!);
    const total = groups.reduce((sum, g) => sum + g.records, 0);
    categories.push({ code, label: format.text(CATEGORY_LABELS[code]), records: total, datasets: groups });
  }
  return { categories, records };

  function layoutOf(line: SpoolDataset): DatasetLayout {
    const key = JSON.stringify([line.sourceId, line.datasetId]);
    let layout = datasets.get(key);
    if (!layout) datasets.set(key, (layout = { slices: [], groups: new Map() }));
    return layout;
  }

  function openColumn(line: SpoolDataset, layout: DatasetLayout, slot: Slot): PieceColumn {
    let group = layout.groups.get(slot.code);
    if (!group) {
      group = { sourceId: line.sourceId, datasetId: line.datasetId, source: options.sourceLabels.get(line.sourceId) ?? "", dataset: format.text(line.label), columns: [], records: 0, slices: layout.slices };
      layout.groups.set(slot.code, group);
    }
    const key = pieceKey(slot.field);
    let column = group.columns.find((c) => c.key === key);
    if (!column) {
      group.columns.push((column = { key, label: format.text(slot.field.label), characters: 0, values: 0, token: "" }));
      fieldOrder.set(column, line.fields.indexOf(slot.field));
    }
    slot.group = group;
    slot.column = column;
    return column;
  }
}

function longestWord(text: string): string {
  if (!text.includes(" ")) return text;
  let longest = "";
  for (const word of text.split(" ")) if (word.length > longest.length) longest = word;
  return longest;
}

function slotsOf(line: SpoolDataset): Slot[][] {
  return line.fields.map((field) => (field.categories ?? []).filter((code) => CATEGORY_CODES.includes(code)).map((code) => ({ code, field })));
}

import { CATEGORY_CODES, CATEGORY_LABELS, type CategoryCode } from "../categories/ccpa-categories.shared";
import type { SpoolField } from "../collection/collection-types.shared";
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
}

export interface DatasetPieces {
  /** Internal identity of the dataset; never written to a document. */
  sourceId: string;
  datasetId: string;
  source: string;
  dataset: string;
  /** The fields of this category found in this dataset, in first-seen order. */
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

/** A field is a piece when it has a value, or when it is a withheld never-disclose type (7024(d)). */
export function isPiece(field: SpoolField): boolean {
  return Boolean(field.withheld) || (field.value !== null && field.value !== undefined);
}

/** The column a field belongs to: its internal field id (a missing id falls back to its label). */
export function pieceKey(field: SpoolField): string {
  return field.fieldId || JSON.stringify(field.label ?? "");
}

/**
 * One pass over the spool to decide the layout of the specific pieces: which categories have
 * pieces, the datasets in each (first-seen order), their columns and record counts, and the byte
 * ranges to read each dataset again. Memory grows with the number of datasets and fields, not
 * records; records of a dataset need not be adjacent in the spool.
 */
export async function planSpecificPieces(
  source: SpoolSource,
  options: { language: RequestLanguage; sourceLabels: ReadonlyMap<string, string> },
): Promise<PiecesPlan> {
  const format = formatForLanguage(options.language);
  const datasets = new Map<string, { slices: SpoolSlice[]; groups: Map<CategoryCode, DatasetPieces> }>();
  let records = 0;
  for await (const { record, start, end } of source.scan()) {
    const key = JSON.stringify([record.sourceId, record.datasetId]);
    let dataset = datasets.get(key);
    if (!dataset) datasets.set(key, (dataset = { slices: [], groups: new Map() }));
    const last = dataset.slices.at(-1);
    if (last && last.end === start) last.end = end;
    else dataset.slices.push({ start, end });

    const seen = new Set<CategoryCode>();
    for (const field of record.fields) {
      if (!isPiece(field)) continue;
      for (const code of field.categories ?? []) {
        if (!CATEGORY_CODES.includes(code)) continue;
        let group = dataset.groups.get(code);
        if (!group) {
          group = {
            sourceId: record.sourceId,
            datasetId: record.datasetId,
            source: options.sourceLabels.get(record.sourceId) ?? "",
            dataset: format.text(record.datasetLabel),
            columns: [],
            records: 0,
            slices: dataset.slices,
          };
          dataset.groups.set(code, group);
        }
        const columnKey = pieceKey(field);
        let column = group.columns.find((c) => c.key === columnKey);
        if (!column) group.columns.push((column = { key: columnKey, label: format.text(field.label), characters: 0, values: 0 }));
        column.characters += field.withheld ? WITHHELD_CHARACTERS : String(field.value).length;
        column.values += 1;
        if (!seen.has(code)) {
          seen.add(code);
          group.records += 1;
        }
      }
    }
    if (seen.size > 0) records += 1;
  }

  const categories: CategoryPieces[] = [];
  for (const code of CATEGORY_CODES) {
    const groups = [...datasets.values()].flatMap((d) => (d.groups.has(code) ? [d.groups.get(code)!] : []));
    if (groups.length === 0) continue;
    const total = groups.reduce((sum, g) => sum + g.records, 0);
    categories.push({ code, label: format.text(CATEGORY_LABELS[code]), records: total, datasets: groups });
  }
  return { categories, records };
}

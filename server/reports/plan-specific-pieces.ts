import { CATEGORY_CODES, CATEGORY_LABELS, type CategoryCode } from "../categories/ccpa-categories.shared";
import type { SpoolDataset } from "../collection/collection-types.shared";
import { tallySpoolPieces, type SpoolPieceTally } from "../collection/tally-spool-pieces";
import type { RequestLanguage } from "../requests/request-fields.shared";
import { formatForLanguage } from "./format-for-language";
import { presentFieldValue, type FieldPresentation } from "./present-field-value";
import type { SpoolSlice, SpoolSource, SpoolTallied } from "./spool-source";

// The piece rules are collection's (it counts them as it writes); read-category-pieces and the review preview use them too.
export { isPiece, pieceKey } from "../collection/tally-spool-pieces";

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
  /** How the column's values read in the request's language, when the map describes them (present-field-value.ts). */
  presentation?: FieldPresentation;
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

/**
 * The layout of the specific pieces: which categories have pieces, the datasets in each
 * (first-seen order), their columns (map order) and record counts, and the byte ranges to read
 * each dataset again. Counted by collection as it wrote the spool (its last line), or, for a spool
 * without that line or a source that filters records (review withholdings), by one pass over the
 * spool with the same counter: both give the same plan.
 */
export async function planSpecificPieces(
  source: SpoolSource,
  options: { language: RequestLanguage; sourceLabels: ReadonlyMap<string, string> },
): Promise<PiecesPlan> {
  const { tally, lines } = (await source.tally?.()) ?? (await scanSpoolTally(source));
  return planFromTally(tally, lines, options);
}

/** Counts the pieces of every record of the spool, in one pass. */
async function scanSpoolTally(source: SpoolSource): Promise<SpoolTallied> {
  const tally = tallySpoolPieces();
  const lines = new Map<number, SpoolDataset>();
  for await (const { record, start, end } of source.scan()) {
    lines.set(record.dataset.ref, record.dataset);
    tally.record(record.dataset, record.values, start, end);
  }
  return { tally: tally.result(), lines };
}

function planFromTally(tally: SpoolPieceTally, lines: ReadonlyMap<number, SpoolDataset>, options: { language: RequestLanguage; sourceLabels: ReadonlyMap<string, string> }): PiecesPlan {
  const line = (ref: number): SpoolDataset => {
    const found = lines.get(ref);
    if (!found) throw new Error(`spool: the tally names dataset line ${ref}, which the spool lacks`);
    return found;
  };
  const format = formatForLanguage(options.language);
  const categories: CategoryPieces[] = [];
  for (const code of CATEGORY_CODES) {
    const groups: DatasetPieces[] = [];
    for (const dataset of tally.datasets) {
      const group = dataset.groups.find((g) => g.code === code);
      if (!group) continue;
      groups.push({
        sourceId: dataset.sourceId,
        datasetId: dataset.datasetId,
        source: options.sourceLabels.get(dataset.sourceId) ?? "",
        dataset: format.text(line(group.ref).label),
        // Stable: columns met at the same place keep the order they were met in.
        columns: [...group.columns]
          .sort((a, b) => a.order - b.order)
          .map((c) => {
            const spec = line(c.ref).fields[c.order]!;
            const presentation = presentFieldValue(spec, format);
            return { key: c.key, label: format.text(spec.label), characters: c.characters, values: c.values, token: c.token, ...(presentation ? { presentation } : {}) };
          }),
        records: group.records,
        slices: dataset.slices,
      });
    }
    if (groups.length === 0) continue;
    const total = groups.reduce((sum, g) => sum + g.records, 0);
    categories.push({ code, label: format.text(CATEGORY_LABELS[code]), records: total, datasets: groups });
  }
  return { categories, records: tally.records };
}

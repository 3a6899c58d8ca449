import type { CategoryCode, NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { CellRow } from "../connectors/connector-types";
import { datasetColumns } from "../connectors/dataset-columns";
import { toIsoTime } from "../connectors/to-iso-time";
import type { Dataset, Field } from "../datamap/dataset-schema";
import type { Source } from "../datamap/datamap-schema";
import type { ScalarValue, SpoolDataset } from "./collection-types.shared";
import { createJsonBytes, writeAscii, writeByte, writeJsonKey, writeJsonScalar, writeJsonString, type JsonBytes } from "./encode-json-bytes";
import { normalizeInstantValue } from "./normalize-instant-value";

/** What one dataset contributed, for the summary: counts, the categories found, withheld types. */
export interface DatasetTally {
  records: number;
  undated: number;
  /** Dated before the period's first instant, yet still held (a profile created in 2024 and current). */
  earlier: number;
  categories: Set<CategoryCode>;
  /** Columns that held a piece in at least one record: a category row is built from these fields' practices. */
  fields: Set<string>;
  withheld: Map<NeverDiscloseType, number>;
}

interface CompiledField {
  column: string;
  /** Where the field's value is in a row's cells (datasetColumns(dataset, "all")). */
  at: number;
  categories: CategoryCode[];
  withheldType: ((cells: readonly ScalarValue[]) => NeverDiscloseType) | null;
  /** format: instant: written as UTC ISO 8601 (normalizeInstantValue). */
  instant: boolean;
  /**
   * The dataset's time field held as text (or in no other declared format): its instant form is
   * the record's time already read, normalizeInstantValue's very answer, not parsed again per row.
   */
  recordTime: boolean;
  contributed: boolean;
}

/**
 * Categorization and serialization of one dataset's rows into spool lines: `header`, the dataset
 * line with every disclosed field's label and categories from the map (Civ. Code 1798.140(v)(1)),
 * written once; then one record line per row holding only values, in the header's field order.
 * Internal fields are left out; a never-disclose field present in the source is written as its
 * type, never its value (11 CCR 7024(d)); a field with no value is null (nothing to disclose).
 * Everything per field (its place in the row, categories, withheld type) is worked out here, once
 * per dataset; a row costs a loop over its cells, encoded straight to bytes (issue 14 item 4, ADR 050).
 */
export function compileSpoolSerializer(
  source: Source,
  dataset: Dataset,
  ref: number,
  /** The period's first instant (UTC ISO): older records in the period are counted as kept from earlier. */
  periodStart?: string,
): {
  header: string;
  line: SpoolDataset;
  /**
   * Appends a row's line to `out` as UTF-8 bytes: its cells are in the map's field order, as the
   * SQL connector reads them (cellsOf for other rows).
   */
  encode: (row: CellRow, out: JsonBytes) => void;
  /** The same line as a string (tests). */
  serialize: (row: CellRow) => string;
  values: ScalarValue[];
  tally: DatasetTally;
} {
  const tally: DatasetTally = { records: 0, undated: 0, earlier: 0, categories: new Set(), fields: new Set(), withheld: new Map() };
  const fields: CompiledField[] = [];
  const line: SpoolDataset = { ref, sourceId: source.id, datasetId: dataset.id, label: dataset.label, fields: [] };
  const columns = datasetColumns(dataset, "all");
  for (const [column, field] of Object.entries(dataset.fields as Record<string, Field>)) {
    if (field.internal) continue;
    const categories = field.categories ?? [];
    const withheldType = withheldTypeOf(field, columns);
    line.fields.push({
      fieldId: `${dataset.id}.${column}`,
      label: field.label!,
      categories,
      sensitive: categories.includes("L"),
      neverDisclose: withheldType !== null,
      // How values read (issue 15 item 2); written only when the map says, so other lines keep their bytes.
      ...(field.values ? { values: field.values } : {}),
      ...(field.format ? { format: field.format } : {}),
      ...(field.currency ? { currency: field.currency } : {}),
      ...(field.file && !withheldType ? { file: true as const } : {}),
    });
    fields.push({ column, at: columns.indexOf(column), categories, withheldType, instant: field.format === "instant", recordTime: field.format === "instant" && column === dataset.timeField && (dataset.timeFormat ?? "text") === "text", contributed: false });
  }
  const start = `[${ref},`;
  // The last serialized record's values as a reader will decode them, for the pieces tally
  // (tally-spool-pieces.ts): reused, so counting costs no allocation per record. Built by push
  // from a literal, not map(): map() gives another elements kind once this function is optimized,
  // and the hot code reading the array was thrown away for it (issue 14 item 4, ADR 056).
  const values: ScalarValue[] = [];
  for (let i = 0; i < fields.length; i++) values.push(null);
  const { timeField, timeFormat } = dataset;
  const timeAt = timeField ? columns.indexOf(timeField) : -1;

  const encode = ({ key, at, cells }: CellRow, out: JsonBytes): void => {
    const recordedAt = timeAt < 0 ? null : at !== undefined ? at : toIsoTime(cells[timeAt], timeFormat);
    tally.records += 1;
    if (recordedAt === null) tally.undated += 1;
    else if (periodStart !== undefined && recordedAt < periodStart) tally.earlier += 1;
    writeAscii(out, start);
    writeJsonKey(out, key);
    writeByte(out, COMMA);
    if (recordedAt === null) writeAscii(out, "null");
    else writeJsonString(out, recordedAt);
    writeByte(out, COMMA);
    writeByte(out, OPEN);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      const stored = cells[f.at];
      const value = f.recordTime ? (recordedAt ?? stored ?? null) : f.instant ? normalizeInstantValue(stored ?? null) : stored;
      if (i > 0) writeByte(out, COMMA);
      if (f.withheldType) {
        if (value !== 1) {
          values[i] = null;
          writeAscii(out, "null");
          continue;
        }
        const type = f.withheldType(cells);
        tally.withheld.set(type, (tally.withheld.get(type) ?? 0) + 1);
        values[i] = type;
        writeJsonString(out, type);
      } else {
        if (value === null || value === undefined) {
          values[i] = null;
          writeAscii(out, "null");
          continue;
        }
        // JSON has no NaN or Infinity: written as null, read back as null.
        values[i] = typeof value === "number" && !Number.isFinite(value) ? null : value;
        writeJsonScalar(out, value);
      }
      if (!f.contributed) {
        f.contributed = true;
        tally.fields.add(f.column);
        for (const c of f.categories) tally.categories.add(c);
      }
    }
    writeAscii(out, "]]\n");
  };
  const scratch = createJsonBytes(1024);
  const serialize = (row: CellRow): string => {
    scratch.length = 0;
    encode(row, scratch);
    return scratch.bytes.toString("utf8", 0, scratch.length);
  };
  return { header: `${JSON.stringify(line)}\n`, line, encode, serialize, values, tally };
}

const COMMA = 44;
const OPEN = 91;

function withheldTypeOf(field: Field, columns: readonly string[]): ((cells: readonly ScalarValue[]) => NeverDiscloseType) | null {
  const rule = field.neverDisclose;
  if (rule === undefined) return null;
  if (typeof rule === "string") return () => rule;
  // The type names the document (passport vs driver's license): "sufficient particularity", 7024(d).
  const by = columns.indexOf(rule.byColumn);
  return (cells) => rule.values[String(cells[by] ?? "")] ?? rule.otherwise;
}

import type { CategoryCode, NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { CellRow } from "../connectors/connector-types";
import { datasetColumns } from "../connectors/dataset-columns";
import { toIsoTime } from "../connectors/to-iso-time";
import type { Dataset, Field } from "../datamap/dataset-schema";
import type { Source } from "../datamap/datamap-schema";
import type { ScalarValue, SpoolDataset } from "./collection-types.shared";
import { createJsonBytes, putAscii, putNumber, putPlainString, reserve, writeOtherString, type JsonBytes } from "./encode-json-bytes";
import { normalizeInstantValue } from "./normalize-instant-value";
import type { RecordCounter } from "./tally-spool-pieces";

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
   * SQL connector reads them (cellsOf for other rows). Each value written that is a piece is
   * handed to `counter.piece` as a reader will decode it; the caller ends the record.
   */
  encode: (row: CellRow, out: JsonBytes, counter: RecordCounter) => void;
  /** The same line as a string (tests). */
  serialize: (row: CellRow) => string;
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
  const { timeField, timeFormat } = dataset;
  const timeAt = timeField ? columns.indexOf(timeField) : -1;

  const count = fields.length;
  const encode = ({ key, at, cells }: CellRow, out: JsonBytes, counter: RecordCounter): void => {
    const recordedAt = timeAt < 0 ? null : at !== undefined ? at : toIsoTime(cells[timeAt], timeFormat);
    tally.records += 1;
    if (recordedAt === null) tally.undated += 1;
    else if (periodStart !== undefined && recordedAt < periodStart) tally.earlier += 1;
    // Room for the whole line when its strings are printable ASCII, as nearly all are, made once:
    // every byte is then written by position, with no bounds check or length update per piece
    // (issue 14 item 4). A cell's written form is at most CELL_ROOM more than its text (quotes, an
    // instant's ISO form, a number, a withheld type); a string that needs more (an accent, an
    // escape) goes through writeOtherString, which makes its own room.
    let room = LINE_ROOM + (typeof key === "string" ? key.length : 0);
    for (let i = 0; i < count; i++) {
      const stored = cells[fields[i]!.at];
      room += typeof stored === "string" ? stored.length + CELL_ROOM : CELL_ROOM;
    }
    let bytes = reserve(out, room);
    let p = putAscii(bytes, out.length, start);
    if (typeof key === "number" && Number.isInteger(key) && Math.abs(key) < MAX_INT_KEY) {
      bytes[p++] = QUOTE;
      p = putNumber(bytes, p, key);
      bytes[p++] = QUOTE;
    } else {
      const text = String(key);
      const next = putPlainString(bytes, p, text);
      if (next >= 0) p = next;
      else {
        p = putOtherString(out, p, text, room);
        bytes = out.bytes;
      }
    }
    bytes[p++] = COMMA;
    // An instant in ISO form (toIsoTime): printable ASCII always.
    p = recordedAt === null ? putAscii(bytes, p, "null") : putPlainString(bytes, p, recordedAt);
    bytes[p++] = COMMA;
    bytes[p++] = OPEN;
    for (let i = 0; i < count; i++) {
      const f = fields[i]!;
      const stored = cells[f.at];
      const value = f.recordTime ? (recordedAt ?? stored ?? null) : f.instant ? normalizeInstantValue(stored ?? null) : stored;
      if (i > 0) bytes[p++] = COMMA;
      if (f.withheldType) {
        if (value !== 1) {
          p = putAscii(bytes, p, "null");
          continue;
        }
        const type = f.withheldType(cells);
        tally.withheld.set(type, (tally.withheld.get(type) ?? 0) + 1);
        counter.piece(i, type);
        p = putPlainString(bytes, p, type);
      } else if (value === null || value === undefined) {
        p = putAscii(bytes, p, "null");
        continue;
      } else if (typeof value === "string") {
        counter.piece(i, value);
        const next = putPlainString(bytes, p, value);
        if (next >= 0) p = next;
        else {
          p = putOtherString(out, p, value, room);
          bytes = out.bytes;
        }
      } else if (typeof value === "number") {
        // JSON has no NaN or Infinity: written as null, read back as null (no piece).
        if (!Number.isFinite(value)) {
          p = putAscii(bytes, p, "null");
          continue;
        }
        counter.piece(i, value);
        p = putNumber(bytes, p, value);
      } else {
        counter.piece(i, value);
        p = putAscii(bytes, p, value ? "true" : "false");
      }
      if (!f.contributed) {
        f.contributed = true;
        tally.fields.add(f.column);
        for (const c of f.categories) tally.categories.add(c);
      }
    }
    bytes[p++] = CLOSE;
    bytes[p++] = CLOSE;
    bytes[p++] = NEWLINE;
    out.length = p;
  };
  const scratch = createJsonBytes(1024);
  const uncounted: RecordCounter = { piece() {}, end() {} };
  const serialize = (row: CellRow): string => {
    scratch.length = 0;
    encode(row, scratch, uncounted);
    return scratch.bytes.toString("utf8", 0, scratch.length);
  };
  return { header: `${JSON.stringify(line)}\n`, line, encode, serialize, tally };
}

/**
 * A string putPlainString refused (an accent, a quote, a control), written at `at` the slow way;
 * returns where the next byte goes in `out.bytes`, which may now be a larger buffer holding room
 * for the rest of the line (`room`, the line's whole budget, is more than the rest needs).
 */
function putOtherString(out: JsonBytes, at: number, text: string, room: number): number {
  out.length = at;
  writeOtherString(out, text);
  reserve(out, room);
  return out.length;
}

const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const QUOTE = 34;
const NEWLINE = 10;
/** What a line holds besides its cells and a string key: `[ref,"key","time",[` and `]]\n`. */
const LINE_ROOM = 64;
/** See encode: the most a cell's written form exceeds its stored text by. */
const CELL_ROOM = 32;
/** Numeric keys below this are written digit by digit (putNumber's int32 range). */
const MAX_INT_KEY = 2 ** 31;

function withheldTypeOf(field: Field, columns: readonly string[]): ((cells: readonly ScalarValue[]) => NeverDiscloseType) | null {
  const rule = field.neverDisclose;
  if (rule === undefined) return null;
  if (typeof rule === "string") return () => rule;
  // The type names the document (passport vs driver's license): "sufficient particularity", 7024(d).
  const by = columns.indexOf(rule.byColumn);
  return (cells) => rule.values[String(cells[by] ?? "")] ?? rule.otherwise;
}

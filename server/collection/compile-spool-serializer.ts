import type { CategoryCode, NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { SafeRow } from "../connectors/connector-types";
import { toIsoTime } from "../connectors/to-iso-time";
import type { Dataset, Field } from "../datamap/dataset-schema";
import type { Source } from "../datamap/datamap-schema";
import type { SpoolField, SpoolRecord } from "./collection-types.shared";

/** What one dataset contributed, for the summary: counts, the categories found, withheld types. */
export interface DatasetTally {
  records: number;
  undated: number;
  categories: Set<CategoryCode>;
  withheld: Map<NeverDiscloseType, number>;
}

interface CompiledField {
  column: string;
  categories: CategoryCode[];
  /** The JSON of a SpoolField up to and including `"value":`; the labels never change per row. */
  prefix: string;
  /** The same, after a comma: fields after the first. */
  nextPrefix: string;
  withheldType: ((row: SafeRow) => NeverDiscloseType) | null;
  contributed: boolean;
}

/**
 * Categorization and serialization of one dataset's rows into SpoolRecord NDJSON lines. Every
 * disclosed field carries its label and categories from the map (Civ. Code 1798.140(v)(1));
 * internal fields are left out; a never-disclose field present in the source becomes
 * `value: null, withheld: { type }` (11 CCR 7024(d)); a field with no value is omitted (there
 * is nothing to disclose). The constant parts of each line are built once, so 100,000 records cost
 * string concatenation rather than 100,000 object graphs through JSON.stringify.
 */
export function compileSpoolSerializer(source: Source, dataset: Dataset): { serialize: (row: SafeRow) => string; tally: DatasetTally } {
  const tally: DatasetTally = { records: 0, undated: 0, categories: new Set(), withheld: new Map() };
  const fields: CompiledField[] = [];
  for (const [column, field] of Object.entries(dataset.fields as Record<string, Field>)) {
    if (field.internal) continue;
    const categories = field.categories ?? [];
    const shape: Omit<SpoolField, "value"> = { fieldId: `${dataset.id}.${column}`, label: field.label!, categories, sensitive: categories.includes("L") };
    const prefix = asciiJson(shape).slice(0, -1) + ',"value":';
    fields.push({ column, categories, prefix, nextPrefix: `,${prefix}`, withheldType: withheldTypeOf(field), contributed: false });
  }
  const head: Omit<SpoolRecord, "recordKey" | "recordedAt" | "fields"> = { sourceId: source.id, datasetId: dataset.id, datasetLabel: dataset.label };
  const start = asciiJson(head).slice(0, -1) + ',"recordKey":';
  const { timeField, timeFormat } = dataset;

  const serialize = (row: SafeRow): string => {
    const recordedAt = timeField ? toIsoTime(row.values[timeField], timeFormat) : null;
    tally.records += 1;
    if (recordedAt === null) tally.undated += 1;
    let out = `${start}${JSON.stringify(row.key)},"recordedAt":${recordedAt === null ? "null" : `"${recordedAt}"`},"fields":[`;
    let first = true;
    for (const f of fields) {
      const value = row.values[f.column];
      if (f.withheldType) {
        if (value !== 1) continue;
        const type = f.withheldType(row);
        tally.withheld.set(type, (tally.withheld.get(type) ?? 0) + 1);
        out += `${first ? f.prefix : f.nextPrefix}null,"withheld":{"type":"${type}"}}`;
      } else {
        if (value === null || value === undefined) continue;
        out += `${first ? f.prefix : f.nextPrefix}${JSON.stringify(value)}}`;
      }
      if (!f.contributed) {
        f.contributed = true;
        for (const c of f.categories) tally.categories.add(c);
      }
      first = false;
    }
    return `${out}]}\n`;
  };
  return { serialize, tally };
}

function withheldTypeOf(field: Field): ((row: SafeRow) => NeverDiscloseType) | null {
  const rule = field.neverDisclose;
  if (rule === undefined) return null;
  if (typeof rule === "string") return () => rule;
  // The type names the document (passport vs driver's license): "sufficient particularity", 7024(d).
  return (row) => rule.values[String(row.values[rule.byColumn] ?? "")] ?? rule.otherwise;
}

/**
 * JSON with every non-ASCII character escaped (\u00f3): the same value once parsed, but an
 * all-ASCII string, which Node encodes to UTF-8 by copying. Labels ("Número de teléfono") repeat
 * on every line of the spool, so this halves the cost of writing a large one.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

import { NEVER_DISCLOSE_TYPES, type CategoryCode, type NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { ScalarValue, SpoolDataset } from "../collection/collection-types.shared";
import { isPiece, pieceKey, type DatasetPieces } from "./plan-specific-pieces";
import type { ValuePresenter } from "./present-field-value";
import type { SpoolSource } from "./spool-source";

export type PieceValue = string | number | boolean;

/** `text`: the value as a person reads it (a code's label, an amount...), when the map describes the field. */
export type Piece = { key: string; label: string; value: PieceValue; text?: string } | { key: string; label: string; withheld: NeverDiscloseType };

export interface PieceRecord {
  /** 1-based position of the record in its dataset: the same record has the same number in every category. */
  record: number;
  recordedAt: string | null;
  pieces: Piece[];
}

/** The records of one dataset with their pieces in each category asked for, in that order. */
export interface DatasetRecordPieces {
  record: number;
  recordedAt: string | null;
  /** One list per category asked for; empty when the record has no piece in that category. */
  pieces: Piece[][];
}

/** A field of a dataset line in a category being read. */
interface CategoryField {
  slot: number;
  key: string;
  label: string;
  neverDisclose: boolean;
  present?: ValuePresenter;
}

/**
 * The records of one dataset that hold pieces of one category, with only that category's pieces
 * (a record with an e-mail (A) and a page view (F) shows under both, each time with its own part).
 * A never-disclose field yields its type and never a value: a slot holding anything but a known
 * type is refused (11 CCR 7024(d); DESIGN.md §7). Throws if the spool no longer matches the plan, so a document
 * never states one record count and lists another.
 */
export async function* readCategoryPieces(source: SpoolSource, group: DatasetPieces, code: CategoryCode): AsyncGenerator<PieceRecord> {
  for await (const { record, recordedAt, pieces } of readDatasetPieces(source, [{ group, code }])) yield { record, recordedAt, pieces: pieces[0]! };
}

/**
 * One read of a dataset for several of its categories at once (the groups of one dataset in the
 * plan, which share its slices). Yields the records with a piece in at least one of them; each
 * category is checked against its own planned count, as readCategoryPieces does. (The JSON no
 * longer reads decoded records: its line encoders, encode-dataset-records.ts, must give the text
 * of what this gives, ADR 021.)
 */
export async function* readDatasetPieces(source: SpoolSource, wanted: readonly { group: DatasetPieces; code: CategoryCode }[]): AsyncGenerator<DatasetRecordPieces> {
  const first = wanted[0]?.group;
  if (!first) return;
  const labels = wanted.map(({ group }) => new Map(group.columns.map((c) => [c.key, c.label])));
  const presenters = wanted.map(({ group }) => new Map(group.columns.map((c) => [c.key, c.presentation?.present])));
  const fieldsByLine = new Map<SpoolDataset, CategoryField[][]>();
  const emitted = wanted.map(() => 0);
  let ordinal = 0;
  for await (const record of source.read(first.slices)) {
    const line = record.dataset;
    if (line.sourceId !== first.sourceId || line.datasetId !== first.datasetId) continue;
    ordinal += 1;
    let fieldsOf = fieldsByLine.get(line);
    if (!fieldsOf) {
      fieldsOf = wanted.map(({ code }, k) =>
        line.fields.flatMap((f, slot) => ((f.categories ?? []).includes(code) ? [{ slot, key: pieceKey(f), label: labels[k]!.get(pieceKey(f)) ?? "", neverDisclose: f.neverDisclose, present: presenters[k]!.get(pieceKey(f)) }] : [])),
      );
      fieldsByLine.set(line, fieldsOf);
    }
    let any = false;
    const pieces = fieldsOf.map((fields, k) => {
      const found: Piece[] = [];
      for (const { slot, key, label, neverDisclose, present } of fields) {
        const value = record.values[slot];
        if (!isPiece(value)) continue;
        if (neverDisclose) found.push({ key, label, withheld: withheldType(value) });
        else {
          const piece = scalar(value!);
          const text = present?.(piece);
          found.push(text === undefined ? { key, label, value: piece } : { key, label, value: piece, text });
        }
      }
      if (found.length > 0) {
        any = true;
        emitted[k]! += 1;
      }
      return found;
    });
    if (any) yield { record: ordinal, recordedAt: typeof record.recordedAt === "string" ? record.recordedAt : null, pieces };
  }
  if (wanted.some(({ group }, k) => emitted[k] !== group.records)) throw new Error("spool: records changed while the disclosure was being rendered");
}

/** A never-disclose slot holds a type; anything else (a value, by mistake) is refused, never shown. */
function withheldType(value: ScalarValue | undefined): NeverDiscloseType {
  if ((NEVER_DISCLOSE_TYPES as readonly unknown[]).includes(value)) return value as NeverDiscloseType;
  throw new Error("spool: a withheld field has an unknown never-disclose type");
}

/** The contract promises scalars; anything else is shown as its JSON text rather than dropped. */
function scalar(value: ScalarValue | object): PieceValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value) ?? "";
}

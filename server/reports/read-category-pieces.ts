import { NEVER_DISCLOSE_TYPES, type CategoryCode, type NeverDiscloseType } from "../categories/ccpa-categories.shared";
import type { SpoolField } from "../collection/collection-types.shared";
import { isPiece, pieceKey, type DatasetPieces } from "./plan-specific-pieces";
import type { SpoolSource } from "./spool-source";

export type PieceValue = string | number | boolean;

export type Piece = { key: string; label: string; value: PieceValue } | { key: string; label: string; withheld: NeverDiscloseType };

export interface PieceRecord {
  /** 1-based position of the record in its dataset: the same record has the same number in every category. */
  record: number;
  recordedAt: string | null;
  pieces: Piece[];
}

/**
 * The records of one dataset that hold pieces of one category, with only that category's pieces
 * (a record with an e-mail (A) and a page view (F) shows under both, each time with its own part).
 * A withheld field yields its type and never a value, even if a value reached the spool by mistake
 * (11 CCR 7024(d); DESIGN.md §7). Throws if the spool no longer matches the plan, so a document
 * never states one record count and lists another.
 */
export async function* readCategoryPieces(source: SpoolSource, group: DatasetPieces, code: CategoryCode): AsyncGenerator<PieceRecord> {
  const labels = new Map(group.columns.map((c) => [c.key, c.label]));
  let ordinal = 0;
  let emitted = 0;
  for await (const record of source.read(group.slices)) {
    if (record.sourceId !== group.sourceId || record.datasetId !== group.datasetId) continue;
    ordinal += 1;
    const pieces: Piece[] = [];
    for (const field of record.fields) {
      if (!isPiece(field) || !(field.categories ?? []).includes(code)) continue;
      const key = pieceKey(field);
      const label = labels.get(key) ?? "";
      if (field.withheld) pieces.push({ key, label, withheld: withheldType(field) });
      else pieces.push({ key, label, value: scalar(field.value) });
    }
    if (pieces.length === 0) continue;
    emitted += 1;
    yield { record: ordinal, recordedAt: typeof record.recordedAt === "string" ? record.recordedAt : null, pieces };
  }
  if (emitted !== group.records) throw new Error("spool: records changed while the disclosure was being rendered");
}

function withheldType(field: SpoolField): NeverDiscloseType {
  const type = field.withheld?.type;
  if (type && (NEVER_DISCLOSE_TYPES as readonly string[]).includes(type)) return type;
  throw new Error("spool: a withheld field has an unknown never-disclose type");
}

/** The contract promises scalars; anything else is shown as its JSON text rather than dropped. */
function scalar(value: SpoolField["value"]): PieceValue {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value) ?? "";
}

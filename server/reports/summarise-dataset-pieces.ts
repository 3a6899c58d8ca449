import type { PieceColumn } from "./plan-specific-pieces";
import type { Piece, PieceRecord } from "./read-category-pieces";

export interface ColumnSummary {
  key: string;
  label: string;
  /** Records with this piece. */
  records: number;
  /** Each distinct value (as shown) with its count, most frequent first; null when there are too many. */
  values: { value: string; count: number }[] | null;
}

export interface DatasetSummary {
  records: number;
  undated: number;
  /** Earliest and latest dates kept (as stored), null when no record has one. */
  first: string | null;
  last: string | null;
  /** The most recent records, newest first (undated ones only when too few are dated). */
  recent: PieceRecord[];
  columns: ColumnSummary[];
}

export interface SummaryOptions {
  /** How many of the most recent records to keep in full. */
  recent: number;
  /** A field with at most this many distinct values is summarised value by value. */
  distinct: number;
  /** The text a piece is shown as (a withheld piece names its type, never a value). */
  show: (piece: Piece) => string;
}

interface Kept {
  time: number;
  record: PieceRecord;
}

/**
 * One pass over a dataset's records in one category, in memory bounded by the options, never by
 * the record count (ADR 032): the count, the first and last date, the `recent` most recent
 * records, and for each field either the count of each of its values or "too many to count".
 */
export async function summariseDatasetPieces(records: AsyncIterable<PieceRecord>, columns: readonly PieceColumn[], options: SummaryOptions): Promise<DatasetSummary> {
  const counts = columns.map(() => new Map<string, number>() as Map<string, number> | null);
  const withPiece = columns.map(() => 0);
  const index = new Map(columns.map((c, i) => [c.key, i]));
  let total = 0;
  let undated = 0;
  let first: Kept | null = null;
  let last: Kept | null = null;
  // Oldest first; undated records count as older than any dated one, then by position.
  const kept: Kept[] = [];
  for await (const record of records) {
    total += 1;
    const time = record.recordedAt === null ? Number.NaN : Date.parse(record.recordedAt);
    if (Number.isNaN(time)) undated += 1;
    else {
      if (!first || time < first.time) first = { time, record };
      if (!last || time >= last.time) last = { time, record };
    }
    const entry = { time: Number.isNaN(time) ? -Infinity : time, record };
    if (kept.length < options.recent || entry.time >= kept[0]!.time) {
      let at = kept.length;
      while (at > 0 && kept[at - 1]!.time > entry.time) at -= 1;
      kept.splice(at, 0, entry);
      if (kept.length > options.recent) kept.shift();
    }
    for (const piece of record.pieces) {
      const i = index.get(piece.key);
      if (i === undefined) continue;
      withPiece[i]! += 1;
      const map = counts[i];
      if (!map) continue;
      const shown = options.show(piece);
      map.set(shown, (map.get(shown) ?? 0) + 1);
      if (map.size > options.distinct) counts[i] = null;
    }
  }
  return {
    records: total,
    undated,
    first: first?.record.recordedAt ?? null,
    last: last?.record.recordedAt ?? null,
    recent: kept.reverse().map((k) => k.record),
    columns: columns.map((c, i) => ({
      key: c.key,
      label: c.label,
      records: withPiece[i]!,
      values: counts[i] ? [...counts[i]!].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)) : null,
    })),
  };
}

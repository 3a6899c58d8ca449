import { stringify } from "csv-stringify/sync";
import { DENIAL_BUCKETS, type Metrics7102 } from "./compute-7102-metrics";

/** One decimal, as published; "" when there is nothing to average. */
function days(value: number | null): string {
  return value === null ? "" : value.toFixed(1);
}

/**
 * The 7102(a) metrics as a two-column CSV (metric, value), ready to paste into the privacy
 * policy's metrics table. Cells starting with = + - @ are prefixed (csv-stringify escape_formulas;
 * X23), though every value here is a number or a fixed name.
 */
export function render7102Csv(metrics: Metrics7102): string {
  const rows: [string, string | number][] = [
    ["calendar_year", metrics.year],
    ["requests_to_know_received", metrics.received],
    ["complied_in_whole", metrics.compliedInWhole],
    ["complied_in_part", metrics.compliedInPart],
    ["denied", metrics.denied],
    ["withdrawn", metrics.withdrawn],
    ["pending", metrics.pending],
    ...DENIAL_BUCKETS.flatMap((bucket): [string, number][] => [
      [`denied_in_whole_${bucket}`, metrics.denialsByBasis[bucket].whole],
      [`denied_in_part_${bucket}`, metrics.denialsByBasis[bucket].part],
    ]),
    ["responses_counted_for_days", metrics.daysToRespond.counted],
    ["median_days_to_respond", days(metrics.daysToRespond.median)],
    ["mean_days_to_respond", days(metrics.daysToRespond.mean)],
  ];
  return stringify(rows, { header: true, columns: ["metric", "value"], escape_formulas: true, record_delimiter: "windows" });
}

import path from "node:path";
import { parseArgs } from "node:util";
import { DatamapError } from "../datamap/datamap-error";
import { loadDatamap } from "../datamap/load-datamap";
import { resolveDatamapPath, sourceEnvironment } from "../datamap/resolve-datamap-path";
import { parseEnv } from "../env";
import { calendarDateIn } from "../lib/calendar-date";
import { createLogger } from "../lib/logger";
import { checkSourcesOpen } from "../connectors/check-sources-open";
import { collectPersonData } from "./collect-person-data";
import { computePeriod, EARLIEST_COVERED_DATE } from "./compute-period";

export const COLLECT_USAGE =
  "rtk collect --email E [--phone P] [--customer-number C] [--since 2022-01-01] [--received YYYY-MM-DD] [--map file] --out file.ndjson";

/**
 * `rtk collect`: runs a collection by hand (operators, support, benchmarks), exactly as the job
 * does, for identifiers the operator has verified. Writes the spool and its summary; prints counts,
 * categories and withheld types, never the data. Progress goes to stderr. Exit code 3 when a source
 * failed: the result is incomplete and must not be released (X22).
 */
export async function runCollectCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      phone: { type: "string" },
      "customer-number": { type: "string" },
      since: { type: "string" },
      received: { type: "string" },
      map: { type: "string" },
      out: { type: "string" },
    },
    strict: true,
  });
  if (!values.email || !values.out) throw new Error(`--email and --out are required\nUsage: ${COLLECT_USAGE}`);
  if (values.since !== undefined && values.since !== EARLIEST_COVERED_DATE) {
    throw new Error(`--since accepts only ${EARLIEST_COVERED_DATE} (everything the law covers, 11 CCR 7024(h))`);
  }
  const env = parseEnv();
  const sourceEnv = sourceEnvironment(env);
  const now = new Date();
  // The receipt date rule of the request module: the earlier of the Pacific and UTC calendar dates.
  const receivedOn = values.received ?? [calendarDateIn(now, "America/Los_Angeles"), calendarDateIn(now, "UTC")].sort()[0]!;
  const period = computePeriod({ receivedOn, kind: values.since ? "since_2022" : "12_months" });
  let datamap;
  try {
    datamap = await loadDatamap({ file: values.map ? path.resolve(values.map) : resolveDatamapPath(env) }, sourceEnv);
  } catch (error) {
    // The CLI prints the message alone: the issues list, one per line, without a stack.
    if (error instanceof DatamapError) throw new Error(error.message, { cause: error });
    throw error;
  }

  // An unreachable source: one message, before a spool is written (issue 14).
  await checkSourcesOpen(datamap.map, sourceEnv, { ping: true });
  let lastReport = 0;
  const summary = await collectPersonData({
    datamap,
    identifiers: { email: values.email, phone: values.phone, customer_number: values["customer-number"] },
    period,
    spoolPath: path.resolve(values.out),
    env: sourceEnv,
    logger: createLogger(env.LOG_LEVEL),
    onProgress: ({ sourceId, datasetId, records }) => {
      if (records === 0 || (Date.now() - lastReport < 1000 && records % 10_000 !== 0)) return;
      lastReport = Date.now();
      process.stderr.write(`  ${sourceId}/${datasetId}: ${records.toLocaleString("en-US")} records\n`);
    },
  });

  console.log(`Period ${summary.period.start} .. ${summary.period.end} (${summary.period.kind})`);
  for (const run of summary.sources) {
    console.log(`  ${run.sourceId}: ${run.status}${run.errorCode ? ` (${run.errorCode})` : ""}, ${run.records} records, ${run.durationMs} ms`);
  }
  console.log(`${summary.recordCount} records (${summary.undatedRecords} undated) in ${values.out} and ${values.out}.summary.json`);
  console.log(`Categories collected: ${summary.categories.filter((c) => c.collected).map((c) => c.category).join(", ") || "none"}`);
  if (summary.withheld.length) console.log(`Withheld (never disclosed): ${summary.withheld.map((w) => `${w.type} x${w.count}`).join(", ")}`);
  if (!summary.complete) {
    console.log("INCOMPLETE: a source failed; this result must not be released.");
    process.exitCode = 3;
  }
}

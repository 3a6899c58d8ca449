import path from "node:path";
import { parseArgs } from "node:util";
import { loadCliDatamap } from "../datamap/load-cli-datamap";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import { parseEnv } from "../env";
import { createLogger } from "../lib/logger";
import { checkSourcesOpen } from "../connectors/check-sources-open";
import { collectPersonData } from "./collect-person-data";
import { COLLECT_USAGE } from "../cli-usage";
import { describePersonIssues, PERSON_OPTIONS, personIdentifiers, personPeriod, PersonOptionsSchema } from "./person-options";
import { getReportKey } from "../delivery/report-key";

/**
 * `rtk collect`: runs a collection by hand (operators, support, benchmarks), exactly as the job
 * does, for identifiers the operator has verified. Writes the spool and its summary; prints counts,
 * categories and withheld types, never the data. Progress goes to stderr. Exit code 3 when a source
 * failed: the result is incomplete and must not be released (X22).
 */
export async function runCollectCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { ...PERSON_OPTIONS, out: { type: "string" } }, strict: true });
  if (!values.out) throw new Error(`--out is required\nUsage: ${COLLECT_USAGE}`);
  const parsed = PersonOptionsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${describePersonIssues(parsed.error.issues).join("\n")}\nUsage: ${COLLECT_USAGE}`);
  const options = parsed.data;
  const env = parseEnv();
  const period = personPeriod(options, new Date());
  const datamap = await loadCliDatamap(env, options.map);
  const sourceEnv = sourceEnvironment(env);

  // An unreachable source: one message, before a spool is written (issue 14).
  await checkSourcesOpen(datamap.map, sourceEnv, { ping: true });
  let lastReport = 0;
  const summary = await collectPersonData({
    datamap,
    identifiers: personIdentifiers(options),
    period,
    spoolPath: path.resolve(values.out),
    // Encrypted like the pipeline's spools (ADR 035); `rtk collect` prints counts, never data.
    spoolKey: getReportKey(env),
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

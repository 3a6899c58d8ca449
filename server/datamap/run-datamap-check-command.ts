import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "../env";
import { checkDatamap } from "./check-datamap";
import { DatamapError, formatIssues } from "./datamap-error";
import { loadDatamap, type LoadedDatamap } from "./load-datamap";
import { locateDatamapIssues } from "./locate-datamap-issues";
import { resolveDatamapPath, sourceEnvironment } from "./resolve-datamap-path";

/**
 * `rtk datamap check [file]`: validates the map (schema, cross-checks, environment) and then the
 * live sources. Prints every problem with its place; exit code 1 when there is any.
 */
export async function runDatamapCheckCommand(args: string[]): Promise<void> {
  const env = parseEnv();
  const file = args[0] ? path.resolve(args[0]) : resolveDatamapPath(env);
  const sourceEnv = sourceEnvironment(env);
  let loaded: LoadedDatamap;
  let invalid: DatamapError | null = null;
  try {
    loaded = await loadDatamap({ file }, sourceEnv);
  } catch (error) {
    if (!(error instanceof DatamapError)) throw error;
    console.error(`${file}: ${error.message}`);
    process.exitCode = 1;
    // Schema and live problems in one run (14.8): the sources that are valid are still checked.
    if (!error.checkable) return;
    invalid = error;
    loaded = error.checkable as LoadedDatamap;
  }
  const result = await checkDatamap(loaded, { env: sourceEnv });
  for (const note of result.notes) console.log(`ok  ${note}`);
  if (result.warnings.length > 0) console.warn(`${file}: ${result.warnings.length} warning(s):\n${formatIssues(locateDatamapIssues(fs.readFileSync(file, "utf8"), result.warnings))}`);
  if (!result.ok) {
    const problems = locateDatamapIssues(fs.readFileSync(file, "utf8"), result.problems);
    console.error(`${file}: the live sources do not match the map (${problems.length} problem(s)):\n${formatIssues(problems)}`);
    process.exitCode = 1;
    return;
  }
  if (!invalid) console.log(`${file}: valid, and every source matches it.`);
}

import path from "node:path";
import { parseEnv } from "../env";
import { checkDatamap } from "./check-datamap";
import { DatamapError, formatIssues } from "./datamap-error";
import { loadDatamap } from "./load-datamap";
import { resolveDatamapPath, sourceEnvironment } from "./resolve-datamap-path";

/**
 * `rtk datamap check [file]`: validates the map (schema, cross-checks, environment) and then the
 * live sources. Prints every problem with its place; exit code 1 when there is any.
 */
export async function runDatamapCheckCommand(args: string[]): Promise<void> {
  const env = parseEnv();
  const file = args[0] ? path.resolve(args[0]) : resolveDatamapPath(env);
  const sourceEnv = sourceEnvironment(env);
  let loaded;
  try {
    loaded = await loadDatamap({ file }, sourceEnv);
  } catch (error) {
    if (!(error instanceof DatamapError)) throw error;
    console.error(`${file}: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  const result = await checkDatamap(loaded, { env: sourceEnv });
  for (const note of result.notes) console.log(`ok  ${note}`);
  if (result.warnings.length > 0) console.warn(`${file}: ${result.warnings.length} warning(s): lookups no index serves (collection reads whole tables):\n${formatIssues(result.warnings)}`);
  if (!result.ok) {
    console.error(`${file}: the live sources do not match the map (${result.problems.length} problem(s)):\n${formatIssues(result.problems)}`);
    process.exitCode = 1;
    return;
  }
  console.log(`${file}: valid, and every source matches it.`);
}

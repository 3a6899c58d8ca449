import { parseArgs } from "node:util";
import { collectPersonData } from "../collection/collect-person-data";
import { checkSourcesOpen } from "../connectors/check-sources-open";
import { getDatamap } from "../datamap/get-datamap";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import { parseEnv } from "../env";
import { createLogger } from "../lib/logger";
import { runReportCommand } from "./run-report-command";

export { REPORT_USAGE } from "./run-report-command";

/**
 * `rtk report` as typed at the shell: parses the flags, collects with the configured data map
 * (DATAMAP_PATH) exactly as the collect job does, and renders both documents. Exit code 3 when a
 * source failed: the documents are written but flagged, and must not be released (X22).
 */
export async function runReportCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      type: { type: "string" },
      since: { type: "string" },
      lang: { type: "string" },
      json: { type: "string" },
      pdf: { type: "string" },
    },
    strict: true,
  });
  const env = parseEnv();
  const datamap = await getDatamap({ env });
  // An unreachable source: one message, before any document is written (issue 14).
  await checkSourcesOpen(datamap.map, sourceEnvironment(env), { ping: true });
  const logger = createLogger(env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL);
  const { business } = datamap.map;
  const result = await runReportCommand(values as Parameters<typeof runReportCommand>[0], {
    business: { name: business.name, legalName: business.legalName, contactEmail: business.contactEmail, privacyPolicyUrl: business.privacyPolicyUrl },
    publicUrl: env.PUBLIC_URL,
    collect: ({ email, period, spoolPath }) =>
      collectPersonData({ datamap, identifiers: { email }, period, spoolPath, env: sourceEnvironment(env), logger }),
  });
  if (!result.complete) process.exitCode = 3;
}

import { parseArgs } from "node:util";
import { collectPersonData } from "../collection/collect-person-data";
import { PERSON_OPTIONS } from "../collection/person-options";
import { checkSourcesOpen } from "../connectors/check-sources-open";
import { loadCliDatamap } from "../datamap/load-cli-datamap";
import { fileStoreConfigs } from "../connectors/files/file-store-config";
import { sourceEnvironment } from "../datamap/resolve-datamap-path";
import { parseEnv } from "../env";
import { createLogger } from "../lib/logger";
import { runReportCommand } from "./run-report-command";


/**
 * `rtk report` as typed at the shell: parses the flags, collects with the configured data map
 * (DATAMAP_PATH) exactly as the collect job does, and renders both documents (and the download bundle with --bundle). Exit code 3 when a
 * source failed: the documents are written but flagged, and must not be released (X22).
 */
export async function runReportCli(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...PERSON_OPTIONS,
      type: { type: "string" },
      lang: { type: "string" },
      json: { type: "string" },
      pdf: { type: "string" },
      bundle: { type: "string" },
    },
    strict: true,
  });
  const env = parseEnv();
  const datamap = await loadCliDatamap(env, values.map);
  // An unreachable source: one message, before any document is written (issue 14).
  await checkSourcesOpen(datamap.map, sourceEnvironment(env), { ping: true });
  const logger = createLogger(env.LOG_LEVEL === "info" ? "warn" : env.LOG_LEVEL);
  const { business } = datamap.map;
  const result = await runReportCommand(values as Parameters<typeof runReportCommand>[0], {
    business: { name: business.name, legalName: business.legalName, contactEmail: business.contactEmail, privacyPolicyUrl: business.privacyPolicyUrl },
    publicUrl: env.PUBLIC_URL,
    pdfListing: env.PDF_LISTING_LIMIT,
    fileStores: fileStoreConfigs(datamap.map, sourceEnvironment(env), datamap.baseDir),
    collect: ({ identifiers, period, spoolPath, spoolKey }) => collectPersonData({ datamap, identifiers, period, spoolPath, spoolKey, env: sourceEnvironment(env), logger }),
  });
  if (!result.complete) process.exitCode = 3;
}

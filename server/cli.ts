import { bootstrap, StartupError } from "./bootstrap";
import { COLLECT_USAGE, runCollectCommand } from "./collection/run-collect-command";
import { runDatamapCheckCommand } from "./datamap/run-datamap-check-command";
import { runDatamapSchemaCommand } from "./datamap/run-datamap-schema-command";
import { EnvError, parseEnv } from "./env";
import { runAuditVerifyCommand } from "./ops/run-audit-verify-command";
import { prepareDemo } from "./prepare-demo";
import { REPORT_USAGE, runReportCli } from "./reports/run-report-cli";
import { CREATE_USER_USAGE, runCreateUserCommand } from "./staff/run-create-user-command";

/**
 * The `rtk` command (npm run rtk -- <command>). Each command is a small function; they share the
 * same settings and start-up checks as the web server.
 */
const COMMANDS: Record<string, { help: string; run: (args: string[]) => Promise<void> }> = {
  "db migrate": {
    help: "bring the portal database (DATABASE_URL) to the latest schema",
    async run() {
      const ctx = await bootstrap(parseEnv());
      await ctx.db.destroy();
      console.log("Database is up to date.");
    },
  },
  "demo seed": {
    help: "create the demo business's source database (DEMO_SOURCE_URL) if it is empty",
    async run() {
      const env = parseEnv({ ...process.env, DEMO_SEED: "on" });
      const ctx = await bootstrap(env);
      const demo = await prepareDemo(ctx);
      await ctx.db.destroy();
      console.log(`Demo business ready in ${demo?.sourceLabel}.`);
    },
  },
  "datamap check": { help: "validate the data map [file] and check it against the live sources", run: runDatamapCheckCommand },
  "datamap schema": { help: "print (or write to [file]) the data map's JSON Schema", run: runDatamapSchemaCommand },
  collect: { help: `collect one person's data into a spool: ${COLLECT_USAGE}`, run: runCollectCommand },
  report: { help: `collect and render a disclosure for a person verified outside the portal: ${REPORT_USAGE}`, run: runReportCli },
  "ops create-user": { help: `create a staff account and print its password once: ${CREATE_USER_USAGE}`, run: runCreateUserCommand },
  "audit verify": { help: "recompute the audit trail's hash chain; prints OK or the first broken seq (exit 1)", run: runAuditVerifyCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  rtk ${name.padEnd(16)} ${c.help}`);
  return ["Usage:", ...lines].join("\n");
}

async function main(argv: string[]): Promise<void> {
  const name = Object.keys(COMMANDS).find((key) => key.split(" ").every((word, i) => argv[i] === word));
  if (!name) {
    console.error(argv.length ? `rtk: unknown command "${argv.join(" ")}"\n${usage()}` : usage());
    process.exitCode = 2;
    return;
  }
  await COMMANDS[name]!.run(argv.slice(name.split(" ").length));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof StartupError) console.error(`rtk: ${error.message}`);
  else console.error("rtk: failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

import { COMMAND_USAGE, commandHelp, overview } from "./cli-usage";

/**
 * The `rtk` command (npm run rtk -- <command>). Each command is a small function; they share the
 * same settings and start-up checks as the web server. Commands are imported when run, so that
 * `rtk --help` loads nothing heavy and answers at once.
 */
const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  "db migrate": async () => {
    const [{ bootstrap }, { parseEnv }] = await Promise.all([import("./bootstrap"), import("./env")]);
    const ctx = await bootstrap(parseEnv());
    await ctx.db.destroy();
    console.log("Database is up to date.");
  },
  "demo seed": async () => {
    const [{ bootstrap }, { parseEnv }, { prepareDemo }] = await Promise.all([import("./bootstrap"), import("./env"), import("./prepare-demo")]);
    const ctx = await bootstrap(parseEnv({ ...process.env, DEMO_SEED: "on" }));
    const demo = await prepareDemo(ctx);
    await ctx.db.destroy();
    console.log(`Demo business ready in ${demo?.sourceLabel}.`);
  },
  "datamap check": async (args) => (await import("./datamap/run-datamap-check-command")).runDatamapCheckCommand(args),
  "datamap schema": async (args) => (await import("./datamap/run-datamap-schema-command")).runDatamapSchemaCommand(args),
  collect: async (args) => (await import("./collection/run-collect-command")).runCollectCommand(args),
  report: async (args) => (await import("./reports/run-report-cli")).runReportCli(args),
  "ops create-user": async (args) => (await import("./staff/run-create-user-command")).runCreateUserCommand(args),
  "audit verify": async () => (await import("./ops/run-audit-verify-command")).runAuditVerifyCommand(),
};

const HELP = new Set(["--help", "-h", "help"]);

async function main(argv: string[]): Promise<void> {
  if (argv.length === 1 && HELP.has(argv[0]!)) {
    console.log(overview());
    return;
  }
  // `rtk help report` reads like `rtk report --help`.
  const words = argv[0] === "help" ? argv.slice(1) : argv;
  const name = Object.keys(COMMANDS).find((key) => key.split(" ").every((word, i) => words[i] === word));
  if (!name) {
    console.error(argv.length ? `rtk: unknown command "${argv.join(" ")}"\n\n${overview()}` : overview());
    process.exitCode = 2;
    return;
  }
  const args = words.slice(name.split(" ").length);
  if (argv[0] === "help" || args.some((a) => a === "--help" || a === "-h")) {
    console.log(commandHelp(name));
    return;
  }
  await COMMANDS[name]!(args);
}

main(process.argv.slice(2)).catch(async (error: unknown) => {
  const [{ EnvError }, { StartupError }] = await Promise.all([import("./env"), import("./bootstrap")]);
  if (error instanceof EnvError || error instanceof StartupError) console.error(`rtk: ${error.message}`);
  else if (error instanceof Error && error.name === "TypeError" && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    // node:util parseArgs: an unknown option or a missing value. Say which, and how to get help.
    console.error(`rtk: ${error.message}\nSee: rtk ${Object.keys(COMMAND_USAGE).find((n) => process.argv.slice(2).join(" ").startsWith(n)) ?? ""} --help`);
  } else console.error("rtk: failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

import { PERSON_HELP, PERSON_USAGE } from "./collection/person-options-help";

/**
 * What `rtk --help` and `rtk <command> --help` print. Kept apart from the commands so that help
 * loads no database driver, renderer or data map (issue 14.8; it answers at once).
 */
export interface CommandUsage {
  summary: string;
  usage: string;
  /** Option lines, one per option. */
  options?: string;
}

export const COLLECT_USAGE = `rtk collect ${PERSON_USAGE} --out file.ndjson`;
export const REPORT_USAGE = `rtk report ${PERSON_USAGE} [--type categories|specific] [--lang en|es] --json out.json --pdf out.pdf [--bundle out.zip]`;
export const CREATE_USER_USAGE = "rtk ops create-user --email E --role reviewer|admin [--name N]";

export const COMMAND_USAGE: Record<string, CommandUsage> = {
  "db migrate": { summary: "bring the portal database (DATABASE_URL) to the latest schema", usage: "rtk db migrate" },
  "demo seed": { summary: "create the demo business's source database (DEMO_SOURCE_URL) if it is empty", usage: "rtk demo seed" },
  "datamap check": {
    summary: "validate the data map and check it against the live sources",
    usage: "rtk datamap check [file]",
    options: [
      "  file                   the data map to check (default: DATAMAP_PATH)",
      "Prints every problem with its line and column; problems of the live sources (missing tables and",
      "columns, lookups no index serves, with the CREATE INDEX to add) come in the same run. Exit 1 on any.",
    ].join("\n"),
  },
  "datamap schema": { summary: "print (or write to [file]) the data map's JSON Schema", usage: "rtk datamap schema [file]" },
  collect: {
    summary: "collect one person's data into a spool, printing counts only",
    usage: COLLECT_USAGE,
    options: `${PERSON_HELP}\n  --out file.ndjson      where to write the spool (its summary goes beside it, .summary.json)\nExit 3 when a source failed: the result is incomplete and must not be released.`,
  },
  report: {
    summary: "collect and render a disclosure for a person verified outside the portal",
    usage: REPORT_USAGE,
    options: [
      PERSON_HELP,
      "  --type T               specific (default: categories and specific pieces) or categories",
      "  --lang L               en (default) or es: the language of the documents",
      "  --json out.json        where to write the JSON disclosure",
      "  --pdf out.pdf          where to write the PDF disclosure",
      "  --bundle out.zip       also write the download bundle (PDF, JSON, a CSV per dataset, stored files, README.txt)",
      "Exit 3 when a source failed: the documents are flagged and must not be released.",
    ].join("\n"),
  },
  "ops create-user": {
    summary: "create a staff account and print its password once",
    usage: CREATE_USER_USAGE,
    options: ["  --email E              the staff member's e-mail address", "  --role R               reviewer or admin (admins set up a one-time-code app at first sign-in)", "  --name N               the name shown in the console and the audit trail"].join("\n"),
  },
  "audit verify": { summary: "recompute the audit trail's hash chain; prints OK or the first broken seq (exit 1)", usage: "rtk audit verify" },
};

export function overview(): string {
  const lines = Object.entries(COMMAND_USAGE).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return ["Usage: rtk <command> [options]   (rtk <command> --help for its options)", "", "Commands:", ...lines].join("\n");
}

export function commandHelp(name: string): string {
  const c = COMMAND_USAGE[name]!;
  return [`rtk ${name}: ${c.summary}`, "", `Usage: ${c.usage}`, ...(c.options ? ["", c.options] : [])].join("\n");
}

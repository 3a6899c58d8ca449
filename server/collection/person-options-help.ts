import { EARLIEST_COVERED_DATE } from "./compute-period";

// The person options' help text, apart from their zod schema (person-options.ts), so that
// `rtk --help` loads neither zod nor anything else heavy (issue 18: it answers in well under 1 s).

export const PERSON_USAGE = "--email E [--phone P] [--customer-number C] [--since 2022-01-01] [--received YYYY-MM-DD] [--map file]";

export const PERSON_HELP = [
  "  --email E              the person's e-mail address (required; internationalised addresses are fine)",
  "  --phone P              a phone number the person gave, in any format",
  "  --customer-number C    the person's customer number",
  `  --since ${EARLIEST_COVERED_DATE}     everything since ${EARLIEST_COVERED_DATE} instead of the 12 months before receipt (11 CCR 7024(h))`,
  "  --received YYYY-MM-DD  the day the request was received (default: today, Pacific time)",
  "  --map file             the data map to use (default: DATAMAP_PATH)",
].join("\n");

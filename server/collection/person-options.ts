import { z } from "zod";
import { calendarDateIn, isCalendarDate } from "../lib/calendar-date";
import { describeEmailIssue, emailAddress } from "../lib/email-address";
import { computePeriod, EARLIEST_COVERED_DATE, type CollectionPeriod } from "./compute-period";

/**
 * The options that name a person and a period, shared by `rtk collect` and `rtk report` so the two
 * take the same identifiers in the same spelling (issue 14.8). Values are checked here and refused
 * by option name, never echoed: they are personal data.
 */
export const PERSON_OPTIONS = {
  email: { type: "string" },
  phone: { type: "string" },
  "customer-number": { type: "string" },
  since: { type: "string" },
  received: { type: "string" },
  map: { type: "string" },
} as const;

export const PersonOptionsSchema = z.object({
  email: z.string("--email is required").pipe(emailAddress()),
  phone: z.string().trim().min(1, "--phone is empty").max(40, "--phone is longer than 40 characters").optional(),
  "customer-number": z.string().trim().min(1, "--customer-number is empty").max(64, "--customer-number is longer than 64 characters").optional(),
  since: z.literal(EARLIEST_COVERED_DATE, `--since accepts only ${EARLIEST_COVERED_DATE} (everything the law covers, 11 CCR 7024(h))`).optional(),
  received: z.string().refine(isCalendarDate, "--received must be a date written YYYY-MM-DD").optional(),
  map: z.string().min(1, "--map names the data map file").optional(),
});
export type PersonOptions = z.infer<typeof PersonOptionsSchema>;

/** One line per problem, the e-mail's in words ("--email has no @ between the name and the domain"). */
export function describePersonIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => (i.path[0] === "email" && i.code === "custom" ? describeEmailIssue("--email", i.message) : i.message));
}

export function personIdentifiers(options: PersonOptions): Record<string, string | undefined> {
  return { email: options.email, phone: options.phone, customer_number: options["customer-number"] };
}

/** The receipt day: the one given, or today by the request module's rule (earlier of Pacific and UTC). */
export function receivedOn(options: PersonOptions, now: Date): string {
  return options.received ?? [calendarDateIn(now, "America/Los_Angeles"), calendarDateIn(now, "UTC")].sort()[0]!;
}

export function personPeriod(options: PersonOptions, now: Date): CollectionPeriod {
  return computePeriod({ receivedOn: receivedOn(options, now), kind: options.since ? "since_2022" : "12_months" });
}

/**
 * Types and constants of the request deadline engine. No Node imports: the UI (request status
 * page, ops queue badges) may import this file directly.
 *
 * Every day count below follows the conservative rules of ccpa-requirements.md section 5. The
 * arithmetic lives in compute-deadlines.ts, check-extension.ts and classify-due.ts.
 */

/** A calendar date "YYYY-MM-DD" with no time of day and no time zone. Sorts lexically. */
export type CalendarDate = string;

/**
 * The receipt date is stamped in the business's legal home zone as well as in UTC and the earlier
 * of the two calendar dates wins: the regulation does not say which zone a "day" is in
 * (Gov. Code 6806 only says midnight to midnight), so the earlier date can only shorten our clock.
 */
export const RECEIPT_TIME_ZONE = "America/Los_Angeles";

/** Confirm receipt within 10 business days (11 CCR 7021(a)); Monday-Friday, no holidays skipped. */
export const CONFIRM_BUSINESS_DAYS = 10;

/**
 * Respond within 45 calendar days (Civ. Code 1798.130(a)(2)(A)). The period "begin[s] on the day
 * that the business receives the request" (11 CCR 7021(b)), so the receipt day is day 1 and the
 * due date is receipt + 44; it is never rolled forward past a weekend or holiday.
 */
export const RESPONSE_DAYS = 45;

/** One extension, to at most 90 days in total (1798.130(a)(2)(A)): receipt + 89, same counting. */
export const EXTENDED_RESPONSE_DAYS = 90;

/** Default look-back: the 12 months before receipt, anchored on receipt (11 CCR 7024(h)). */
export const LOOKBACK_MONTHS = 12;

/** Consumers may ask for more, but never before this date (1798.130(a)(2)(B); 7024(h)). */
export const LOOKBACK_EARLIEST: CalendarDate = "2022-01-01";

/** The ops queue flags a request as due soon from this many days left (R8, R42: escalate early). */
export const DUE_SOON_DAYS = 7;

/** All dates a request's legal clock needs, computed once at intake and stored with the request. */
export interface RequestDeadlines {
  /** The receipt instant, ISO 8601 in UTC, as evidence for the request record (11 CCR 7101(a)). */
  receivedAtUtc: string;
  /** Earlier of the Pacific and the UTC calendar date of receipt. */
  receiptDate: CalendarDate;
  /** Last day to confirm receipt: 10 business days after the receipt date. */
  confirmBy: CalendarDate;
  /** Last day to respond: receipt date + 44 calendar days. */
  dueDate: CalendarDate;
  /** Latest due date an extension may set: receipt date + 89 calendar days. */
  maxExtendedDueDate: CalendarDate;
  /** First day (inclusive) of the default 12-month look-back window. */
  lookbackStart: CalendarDate;
}

/** Why an extension was refused; each maps to a translated message in the ops UI. */
export type ExtensionRefusalCode =
  | "already_extended"
  | "too_late"
  | "reason_required"
  | "invalid_requested_date"
  | "not_after_due_date"
  | "beyond_max";

export type ExtensionCheck =
  | { ok: true; newDueDate: CalendarDate; reason: string }
  | { ok: false; code: ExtensionRefusalCode };

export type DueStatus = "ok" | "due_soon" | "due_today" | "overdue";

export interface DueClassification {
  /** Calendar days from today to the due date: 0 on the due date, negative once overdue. */
  daysLeft: number;
  status: DueStatus;
}

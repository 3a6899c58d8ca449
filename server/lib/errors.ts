/**
 * Codes a service may throw. Routes map them to HTTP statuses and translated messages; logs and
 * job rows store the code only. Messages and details must never carry personal data (names,
 * e-mails, phones, addresses, collected records): ids and codes only (DESIGN.md §7).
 */
export const APP_ERROR_CODES = [
  /** The row does not exist, or the caller may not know it exists (X10: no existence oracle). */
  "not_found",
  /** The input failed validation; `details.fields` lists the offending paths, never the values. */
  "validation",
  /** The actor may not take this action at all (e.g. a consumer extending a deadline). */
  "forbidden",
  /** The state machine refuses this edge (request-states.shared.ts). */
  "illegal_transition",
  /** A staff denial or cancellation without a written reason (1798.145(h)(2); R35, R36). */
  "reason_required",
  /** A denial without a coded reason (11 CCR 7101(a), 7102(a)). */
  "denial_reason_required",
  /** Someone changed the row since the caller read it (optimistic lock): reload and retry. */
  "conflict",
  /** checkExtension refused; `details.reason` holds the ExtensionRefusalCode (R9, X20). */
  "extension_refused",
  /** A source failed or timed out during collection: the result must not be released (X22). */
  "collection_incomplete",
  /** A job kind no registry entry knows about. */
  "unknown_job_kind",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorDetails = Record<string, string | number | boolean | null | string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: AppErrorDetails;

  constructor(code: AppErrorCode, details: AppErrorDetails = {}) {
    // The message is the code: it ends up in logs, so it must not be built from user input.
    super(code);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/**
 * A short, PII-free code for any error, for job rows (last_error) and logs. Driver and system
 * errors carry codes (ER_DUP_ENTRY, ECONNREFUSED); their messages may quote the data that failed
 * (an e-mail address in a rejected recipient, a value in a duplicate key), so they are dropped.
 *
 * @example errorCode(new AppError("conflict")) // "conflict"
 * @example errorCode(Object.assign(new Error("550 bob@x: no such user"), { code: "EENVELOPE" })) // "EENVELOPE"
 */
export function errorCode(error: unknown): string {
  if (error instanceof AppError) return error.code;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && /^[A-Za-z0-9_.-]{1,64}$/.test(code)) return code;
    if (error.name === "ZodError") return "invalid_payload";
    if (error.name === "AbortError") return "aborted";
    return /^[A-Za-z]{1,64}$/.test(error.name) ? error.name : "Error";
  }
  return "non_error_thrown";
}

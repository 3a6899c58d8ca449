import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, NewRequestRow } from "../../../db/schema";
import { insertRequestRow } from "../../support/test-context";

/** A fixed 32+ character secret, so every context of a test (every "instance") shares its keys. */
export const TEST_SESSION_SECRET = "test-session-secret-0123456789abcdef-verification";

/** A fictional address on a reserved domain, unique per call so tests never share a throttle. */
export function uniqueEmail(prefix = "ana"): string {
  return `${prefix}.${randomBytes(4).toString("hex")}@example.test`;
}

/**
 * Inserts a request row directly (the request service has its own tests); returns its id. The
 * subject is fictional, on the reserved example.test domain.
 */
export function insertTestRequest(db: Kysely<Database>, overrides: Partial<NewRequestRow> = {}): Promise<string> {
  return insertRequestRow(db, { subject_email: uniqueEmail(), ...overrides });
}

export function at(base: Date, seconds: number): Date {
  return new Date(base.getTime() + seconds * 1000);
}

/** The six-digit code in a verification mail's text. */
export function codeIn(text: string | undefined): string {
  const match = /\b(\d{6})\b/.exec(text ?? "");
  if (!match) throw new Error("no code in the mail");
  return match[1]!;
}

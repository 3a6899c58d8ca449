import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, NewRequestRow } from "../../../db/schema";
import { toDbTime } from "../../../server/lib/clock";
import { newId } from "../../../server/lib/ids";

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
export async function insertTestRequest(db: Kysely<Database>, overrides: Partial<NewRequestRow> = {}): Promise<string> {
  const id = overrides.id ?? newId();
  const now = toDbTime(new Date());
  await db
    .insertInto("requests")
    .values({
      id,
      type: "categories",
      state: "received",
      channel: "web",
      period: "12_months",
      period_start: "2025-11-29",
      period_end: "2026-11-29",
      language: "en",
      received_at: now,
      receipt_date: now.slice(0, 10),
      due_date: now.slice(0, 10),
      verification_level: "none",
      subject_name: "Ana Example",
      subject_email: uniqueEmail(),
      created_at: now,
      updated_at: now,
      version: 0,
      ...overrides,
    })
    .execute();
  return id;
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

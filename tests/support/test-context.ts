import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateToLatest } from "../../db/migrate";
import { openDb } from "../../db/client";
import type { Kysely } from "kysely";
import type { Database, NewRequestRow } from "../../db/schema";
import { toDbTime } from "../../server/lib/clock";
import { newId } from "../../server/lib/ids";
import type { AppContext } from "../../server/context";
import type { CreateRequestInput } from "../../server/requests/create-request";
import { parseEnv } from "../../server/env";
import { createLogger } from "../../server/lib/logger";
import { testDialects, type TestDatabase, type TestDialect } from "./dialects";

/** A service context on a test database: real env parsing, silent logs. */
export function createTestContext(t: Pick<TestDatabase<Database>, "db" | "dialect" | "url">, extraEnv: Record<string, string> = {}): AppContext {
  // A private folder per context: DATA_DIR is made 700 at start-up, never a shared /tmp (ADR 035).
  const dataDir = extraEnv.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "rtk-ctx-"));
  const env = parseEnv({ NODE_ENV: "test", DATABASE_URL: t.url, LOG_LEVEL: "silent", ...extraEnv, DATA_DIR: dataDir });
  return { env, db: t.db, dialect: t.dialect, logger: createLogger("silent") };
}

/**
 * Like testDialects(), but every database outlives its connection and can be opened by another
 * process: SQLite is a file under os.tmpdir() (not :memory:), MySQL a throwaway database.
 */
export function durableDialects(dialects: TestDialect[] = testDialects()): TestDialect[] {
  return dialects.map((dialect) =>
    dialect.name !== "sqlite"
      ? dialect
      : {
          name: "sqlite",
          async create<DB>() {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-test-"));
            const url = `sqlite:${path.join(dir, "portal.sqlite")}`;
            const handle = openDb<DB>(url);
            return {
              ...handle,
              url,
              async cleanup() {
                await handle.db.destroy();
                fs.rmSync(dir, { recursive: true, force: true });
              },
            };
          },
        },
  );
}

/** A migrated database and a context on it. */
export async function createMigratedContext(dialect: TestDialect): Promise<{ t: TestDatabase<Database>; ctx: AppContext }> {
  const t = await dialect.create<Database>();
  await migrateToLatest(t.db);
  return { t, ctx: createTestContext(t) };
}

/** A valid web request; override fields per test. Fictional person on a reserved domain. */
export function sampleRequestInput(overrides: Partial<CreateRequestInput> = {}): CreateRequestInput {
  return {
    type: "categories",
    channel: "web",
    californiaResident: true,
    subject: { name: "Ana Example", email: "Ana@Example.test" },
    actor: { kind: "consumer" },
    ...overrides,
  };
}

/**
 * An instant `daysAgo` calendar days before today in Los Angeles, where deadlines are counted (R8).
 * Past days are noon there (20:00 UTC is 12:00 PST or 13:00 PDT, always the same date): "now minus
 * 40 x 24 h" lands on the next Pacific day in the evening hour after a DST change, and a queue test
 * then saw 5 days left instead of 4 (CI, stop 21). Today and future days keep the current time.
 */
export function pacificDaysAgo(daysAgo: number): Date {
  if (daysAgo <= 0) return new Date(Date.now() - daysAgo * 86_400_000);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
  return new Date(Date.parse(`${today}T20:00:00Z`) - daysAgo * 86_400_000);
}

/** An ops-intake request received `daysAgo` days ago (R4: staff keep the original receipt time). */
export function backdatedRequestInput(daysAgo: number, overrides: Partial<CreateRequestInput> = {}): CreateRequestInput {
  return sampleRequestInput({
    channel: "ops",
    receivedAt: pacificDaysAgo(daysAgo),
    actor: { kind: "staff", id: "0000000000000000000000staf" },
    ...overrides,
  });
}

/**
 * Inserts a request row directly, for tests of modules that take a request as given (the request
 * service has its own tests). The base row is a fresh web request received now; `overrides` set
 * whatever the test is about. Returns the id.
 */
export async function insertRequestRow(db: Kysely<Database>, overrides: Partial<NewRequestRow> = {}): Promise<string> {
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
      subject_email: "ana@example.test",
      created_at: now,
      updated_at: now,
      version: 0,
      ...overrides,
    })
    .execute();
  return id;
}

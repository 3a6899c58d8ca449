import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../../../db/migrate";
import type { Database, NewRequestRow } from "../../../db/schema";
import { insertRequestRow } from "../../support/test-context";
import type { AppContext } from "../../../server/context";
import { parseEnv, type Env } from "../../../server/env";
import { createLogger } from "../../../server/lib/logger";
import type { TestDatabase, TestDialect } from "../../support/dialects";

export const MARKER = Buffer.from("PLAINTEXT-MARKER:jose.nunez@example.test", "utf8");

export interface DeliveryHarness {
  t: TestDatabase<Database>;
  dataDir: string;
  /** A context on the harness database; `env` overrides e.g. REPORT_STORAGE. */
  context(env?: Partial<Env>): AppContext;
  cleanup(): Promise<void>;
}

/** A migrated throwaway database of the dialect and a private DATA_DIR. */
export async function createHarness(dialect: TestDialect): Promise<DeliveryHarness> {
  const t = await dialect.create<Database>();
  await migrateToLatest(t.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-delivery-"));
  const base = parseEnv({ NODE_ENV: "test", DATA_DIR: dataDir, REPORT_ENCRYPTION_KEY: randomBytes(32).toString("base64") });
  return {
    t,
    dataDir,
    context: (env = {}) => ({ env: { ...base, ...env }, db: t.db, dialect: t.dialect, logger: createLogger("silent") }),
    async cleanup() {
      await t.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function insertRequest(db: Kysely<Database>, overrides: Partial<NewRequestRow> = {}): Promise<string> {
  return insertRequestRow(db, {
    type: "specific",
    state: "delivered",
    period_start: "2025-06-01",
    period_end: "2026-06-01",
    verification_level: "reasonably_high",
    subject_name: "José Núñez",
    subject_email: "jose.nunez@example.test",
    ...overrides,
  });
}

/**
 * A deterministic multi-megabyte report in uneven chunks, with the marker repeated throughout so
 * a test can prove the stored bytes never contain plaintext.
 */
export function makeReport(size: number, seed = "report"): { bytes: Buffer; sha256: string; chunks: () => AsyncGenerator<Buffer> } {
  const bytes = Buffer.alloc(size);
  let block = createHash("sha256").update(seed).digest();
  for (let offset = 0; offset < size; offset += 32) {
    block.copy(bytes, offset);
    block = createHash("sha256").update(block).digest();
  }
  for (let offset = 0; offset + MARKER.length <= size; offset += 100_003) MARKER.copy(bytes, offset);
  return {
    bytes,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    async *chunks() {
      const sizes = [1, 4_095, 65_536, 70_001, 250_000, 13];
      for (let offset = 0, i = 0; offset < size; i++) {
        const next = Math.min(size, offset + sizes[i % sizes.length]!);
        yield bytes.subarray(offset, next);
        offset = next;
      }
    },
  };
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

export function inDays(days: number, from = new Date()): Date {
  return new Date(from.getTime() + days * 86_400_000);
}

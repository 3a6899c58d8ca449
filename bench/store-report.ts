// Memory and throughput of storing and opening a 100 MB report on each storage backend.
// Run: node --import tsx bench/store-report.ts [megabytes]   (not a test: nothing here is asserted)
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import type { Database } from "../db/schema";
import { openReport } from "../server/delivery/open-report";
import { storeReport } from "../server/delivery/store-report";
import { parseEnv } from "../server/env";
import { toDbTime } from "../server/lib/clock";
import { newId } from "../server/lib/ids";
import { createLogger } from "../server/lib/logger";

const megabytes = Number(process.argv[2] ?? 100);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-bench-"));
const handle = openDb<Database>(process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(dataDir, "portal.sqlite")}`);
await migrateToLatest(handle.db);
const env = parseEnv({ DATA_DIR: dataDir, REPORT_ENCRYPTION_KEY: randomBytes(32).toString("base64") });

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function* generate(): AsyncGenerator<Buffer> {
  const block = randomBytes(64 * 1024);
  for (let i = 0; i < megabytes * 16; i++) yield block;
}

for (const storage of ["disk", "database"] as const) {
  const ctx = { env: { ...env, REPORT_STORAGE: storage }, db: handle.db, dialect: handle.dialect, logger: createLogger("silent") };
  const requestId = newId();
  const now = toDbTime(new Date());
  await handle.db.insertInto("requests").values({ id: requestId, type: "specific", state: "approved", channel: "web", period: "12_months", period_start: "2025-01-01", period_end: "2026-01-01", language: "en", received_at: now, receipt_date: now.slice(0, 10), due_date: now.slice(0, 10), verification_level: "reasonably_high", subject_name: "Bench", subject_email: "bench@example.test", created_at: now, updated_at: now, version: 0 }).execute();
  global.gc?.();
  const base = process.memoryUsage().rss;
  peak = base;
  let start = performance.now();
  await storeReport(ctx, { requestId, format: "pdf", content: generate(), expiresAt: new Date(Date.now() + 86_400_000) });
  const storeMs = performance.now() - start;
  const storePeak = peak;
  peak = process.memoryUsage().rss;
  start = performance.now();
  const opened = await openReport(ctx, { requestId, format: "pdf" });
  if (!opened.ok) throw new Error(opened.code);
  const hash = createHash("sha256");
  for await (const chunk of opened.stream) hash.update(chunk);
  const openMs = performance.now() - start;
  console.log(
    `${handle.dialect}/${storage}: ${megabytes} MB store ${(storeMs / 1000).toFixed(1)} s (rss ${mb(base)} -> peak ${mb(storePeak)}), ` +
      `open+verify ${(openMs / 1000).toFixed(1)} s (peak ${mb(peak)})`,
  );
}
clearInterval(sampler);
await handle.db.destroy();
fs.rmSync(dataDir, { recursive: true, force: true });

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { demoPerson } from "../../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { toDbTime } from "../../../server/lib/clock";
import { newId } from "../../../server/lib/ids";
import { getRunnableJob } from "../../../server/jobs/registry";
import { getConnectorsHealth, runConnectorsCheck } from "../../../server/ops/get-connectors-health";
import { buildCollectJob } from "../../../server/pipeline/pipeline-jobs";
import { createRequest } from "../../../server/requests/create-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { recordVerificationEvidence } from "../../../server/verification/record-verification-evidence";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext, createTestContext } from "../../support/test-context";

const olivia = demoPerson("ordinary");
const SYSTEM = { kind: "system" } as const;

async function collect(ctx: AppContext): Promise<{ requestId: string; outcome: Promise<void> }> {
  const { id } = await createRequest(ctx, {
    type: "categories",
    channel: "web",
    californiaResident: true,
    subject: { name: olivia.fullName, email: olivia.email },
    actor: { kind: "consumer" },
  });
  await recordVerificationEvidence(ctx, { requestId: id, matchedPoints: ["email", "fullName"], level: "reasonable" });
  await transitionRequest(ctx, { requestId: id, to: "verified", actor: SYSTEM, verificationLevel: "reasonable" });
  await transitionRequest(ctx, { requestId: id, to: "collecting", actor: SYSTEM, jobs: [buildCollectJob(id)] });
  const handler = await getRunnableJob("collect_request")!.loadHandler();
  const outcome = handler(ctx, { requestId: id }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
  return { requestId: id, outcome: outcome.then(() => undefined) };
}

describe.each(testDialects())("connectors health on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let dataDir: string;
  let good: AppContext;
  let broken: AppContext;

  beforeAll(async () => {
    ({ t } = await createMigratedContext(dialect));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-connectors-"));
    const sourceUrl = `sqlite:${path.join(dataDir, "demo-business.sqlite")}`;
    const source = openDb<DemoBusinessDb>(sourceUrl);
    await seedDemoBusiness(source.db, { dialect: "sqlite", people: 50, filesDir: path.join(dataDir, "demo-files") });
    await source.db.destroy();
    fs.writeFileSync(path.join(dataDir, "nope.sqlite"), "this is not a database");
    good = createTestContext(t, { DATA_DIR: dataDir, DEMO_SOURCE_URL: sourceUrl, REVIEW_REQUIRED: "none" });
    broken = createTestContext(t, { DATA_DIR: dataDir, DEMO_SOURCE_URL: `sqlite:${path.join(dataDir, "nope.sqlite")}`, REVIEW_REQUIRED: "none" });
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("[OPS]: sources never run show no last run and no failures", async () => {
    const health = await getConnectorsHealth(good);
    expect(health.map((s) => [s.id, s.kind, s.lastRun, s.recentFailures])).toEqual([
      ["parlay_app", "sql", null, 0],
      ["parlay_files", "files", null, 0],
      ["legacy_crm", "file", null, 0],
    ]);
    expect(health[0]!.label).toEqual(expect.any(String));
  });

  it("[OPS]: a successful collection records an ok run per source, with ids and counts only", async () => {
    const { requestId, outcome } = await collect(good);
    await outcome;
    const rows = await t.db.selectFrom("source_runs").selectAll().where("request_id", "=", requestId).orderBy("source_id").execute();
    expect(rows.map((r) => [r.source_id, r.status, r.error_code])).toEqual([
      ["legacy_crm", "ok", null],
      ["parlay_app", "ok", null],
      ["parlay_files", "ok", null],
    ]);
    expect(rows.every((r) => Number(r.duration_ms) >= 0)).toBe(true);
    expect(rows.find((r) => r.source_id === "parlay_app")!.records).toBeGreaterThan(0);
    // Nothing about the person is stored with a run.
    expect(JSON.stringify(rows)).not.toContain(olivia.email);
  });

  it("[OPS]: a broken source records a failed run with a code, before the job throws (X22)", async () => {
    const { requestId, outcome } = await collect(broken);
    await expect(outcome).rejects.toMatchObject({ code: "collection_incomplete" });
    const rows = await t.db.selectFrom("source_runs").selectAll().where("request_id", "=", requestId).orderBy("source_id").execute();
    expect(rows.map((r) => [r.source_id, r.status])).toEqual([
      ["legacy_crm", "ok"],
      ["parlay_app", "failed"],
      ["parlay_files", "ok"],
    ]);
    expect(rows.find((r) => r.source_id === "parlay_app")!.error_code).toMatch(/^[A-Z0-9_]+$/);
  });

  it("[OPS]: the health view shows the last run of each source and failures in the last 7 days", async () => {
    // A failure older than the window is not counted.
    await t.db
      .insertInto("source_runs")
      .values({ id: newId(), request_id: null, source_id: "parlay_app", status: "timed_out", records: 0, duration_ms: 30000, error_code: "ETIMEDOUT", created_at: toDbTime(new Date(Date.now() - 8 * 86_400_000)) })
      .execute();
    const [app, , crm] = await getConnectorsHealth(good);
    expect(app).toMatchObject({ id: "parlay_app", recentFailures: 1, lastRun: { status: "failed", records: 0, errorCode: expect.stringMatching(/^[A-Z0-9_]+$/) } });
    expect(crm).toMatchObject({ id: "legacy_crm", recentFailures: 0, lastRun: { status: "ok", errorCode: null } });
    expect(Date.parse(app!.lastRun!.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("[OPS]: Check now reports OK on live sources that match the map, and the issues per source otherwise", async () => {
    const ok = await runConnectorsCheck(good);
    expect(ok.ok).toBe(true);
    expect(ok.sources.map((s) => [s.id, s.ok])).toEqual([
      ["parlay_app", true],
      ["parlay_files", true],
      ["legacy_crm", true],
    ]);
    const bad = await runConnectorsCheck(broken);
    expect(bad.ok).toBe(false);
    expect(bad.sources.find((s) => s.id === "legacy_crm")!.ok).toBe(true);
    const issues = bad.sources.find((s) => s.id === "parlay_app")!.issues;
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.path).toMatch(/^sources\[0\]/);
    expect(bad.other).toEqual([]);
  });
});

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { demoPerson } from "../../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { getRunnableJob } from "../../../server/jobs/registry";
import { toDbTime } from "../../../server/lib/clock";
import { newId } from "../../../server/lib/ids";
import { buildCollectJob } from "../../../server/pipeline/pipeline-jobs";
import { spoolPaths } from "../../../server/pipeline/spool-paths";
import { sweepCrashLeftovers } from "../../../server/pipeline/sweep-crash-leftovers";
import { createRequest } from "../../../server/requests/create-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { recordVerificationEvidence } from "../../../server/verification/record-verification-evidence";
import type { TestDatabase } from "../../support/dialects";
import { createTestContext, durableDialects } from "../../support/test-context";

const ROOT = path.resolve(__dirname, "../../..");
const olivia = demoPerson("ordinary");
const SYSTEM = { kind: "system" } as const;
const LATER = () => new Date(Date.now() + 11 * 60 * 1000);

/** A real worker process running one render_disclosure job against the same database and DATA_DIR. */
const WORKER = `
import { parseEnv } from "${ROOT}/server/env";
import { bootstrap } from "${ROOT}/server/bootstrap";
import { getRunnableJob } from "${ROOT}/server/jobs/registry";
const ctx = await bootstrap(parseEnv(), { migrate: false });
const handler = await getRunnableJob("render_disclosure").loadHandler();
await handler(ctx, { requestId: process.env.REQUEST_ID }, { jobId: "crash", attempts: 1, signal: new AbortController().signal });
console.log("rendered");
await ctx.db.destroy();
`;

async function approvedRequest(ctx: AppContext): Promise<string> {
  const { id } = await createRequest(ctx, {
    type: "specific",
    channel: "web",
    californiaResident: true,
    subject: { name: olivia.fullName, email: olivia.email, phone: olivia.phone ?? undefined },
    actor: { kind: "consumer" },
  });
  await recordVerificationEvidence(ctx, { requestId: id, matchedPoints: ["email", "phone", "fullName"], level: "reasonably_high" });
  await transitionRequest(ctx, { requestId: id, to: "verified", actor: SYSTEM, verificationLevel: "reasonably_high" });
  await transitionRequest(ctx, { requestId: id, to: "collecting", actor: SYSTEM, jobs: [buildCollectJob(id)] });
  const handler = await getRunnableJob("collect_request")!.loadHandler();
  await handler(ctx, { requestId: id }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
  return id;
}

function renderFolders(dataDir: string, id: string): string[] {
  const dir = path.join(dataDir, "spool");
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith(`render-${id}-`)).map((n) => path.join(dir, n)) : [];
}

describe.each(durableDialects())("crash leftovers on $name (issue 16 item 9)", (dialect) => {
  let t: TestDatabase<Database>;
  let dataDir: string;
  let ctx: AppContext;
  let extraEnv: Record<string, string>;

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-crash-"));
    const sourceUrl = `sqlite:${path.join(dataDir, "demo-business.sqlite")}`;
    const source = openDb<DemoBusinessDb>(sourceUrl);
    await seedDemoBusiness(source.db, { dialect: "sqlite", people: 60, filesDir: path.join(dataDir, "demo-files") });
    await source.db.destroy();
    extraEnv = { DATA_DIR: dataDir, DEMO_SOURCE_URL: sourceUrl, REVIEW_REQUIRED: "none" };
    ctx = createTestContext(t, extraEnv);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("[SECURITY]: a worker SIGKILLed while rendering leaves plaintext documents; the sweep removes them, and keeps a render in progress", async () => {
    const id = await approvedRequest(ctx);
    const script = path.join(dataDir, "worker.mts");
    fs.writeFileSync(script, WORKER);
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: t.url, REQUEST_ID: id, ...extraEnv },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    // Kill the worker and its render child (the whole process group, as a container stop does)
    // as soon as the render has written plaintext into its folder.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const written = renderFolders(dataDir, id).flatMap((dir) => fs.readdirSync(dir).map((n) => path.join(dir, n)));
      if (written.some((f) => /disclosure\.(json|pdf)/.test(f) && fs.statSync(f).isFile() && fs.statSync(f).size > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    process.kill(-child.pid!, "SIGKILL");
    expect(await exited, output).toBe("SIGKILL");
    expect(output).not.toContain("rendered");

    const [folder] = renderFolders(dataDir, id);
    expect(folder).toBeDefined();
    const plaintext = fs.readdirSync(folder!, { recursive: true }).map(String);
    expect(plaintext.some((n) => n.startsWith("disclosure."))).toBe(true);

    // A render of another request that a live worker holds: its folder stays.
    const busy = newId();
    const busyFolder = path.join(dataDir, "spool", `render-${busy}-abc123`);
    fs.mkdirSync(busyFolder, { recursive: true });
    fs.writeFileSync(path.join(busyFolder, "disclosure.json.partial"), "{}");
    const now = new Date();
    await t.db
      .insertInto("jobs")
      .values({ id: newId(), kind: "render_disclosure", payload: JSON.stringify({ requestId: busy }), state: "running", idempotency_key: `busy:${busy}`, attempts: 1, max_attempts: 5, run_at: toDbTime(now), locked_by: "other", locked_until: toDbTime(new Date(now.getTime() + 3_600_000)), last_error: null, created_at: toDbTime(now), updated_at: toDbTime(now) })
      .execute();

    // Just after the crash, nothing is touched (a render in progress looks the same).
    expect((await sweepCrashLeftovers(ctx, { now: new Date() })).renderDirs).toBe(0);
    expect(fs.existsSync(folder!)).toBe(true);
    const swept = await sweepCrashLeftovers(ctx, { now: LATER() });
    expect(swept.renderDirs).toBe(1);
    expect(fs.existsSync(folder!)).toBe(false);
    expect(fs.existsSync(busyFolder)).toBe(true);
    // The request still waits for its render: its spool is kept for the retry.
    expect(fs.existsSync(spoolPaths(ctx.env, id).spool)).toBe(true);
  }, 180_000);

  it("[SECURITY]: spools of requests that no longer need them and interrupted temp files are swept; live spools stay", async () => {
    const live = await approvedRequest(ctx);
    const done = await approvedRequest(ctx);
    await transitionRequest(ctx, { requestId: done, to: "cancelled", actor: SYSTEM });
    const gone = newId();
    const { dir } = spoolPaths(ctx.env, gone);
    fs.writeFileSync(path.join(dir, `${gone}.ndjson`), "x");
    fs.mkdirSync(path.join(dataDir, "outbox"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "outbox", "2026-01-01T00-00-00-000Z-abc.json.tmp"), "{}");
    fs.writeFileSync(path.join(dataDir, "outbox", "2026-01-01T00-00-00-000Z-abc.json"), "{}");

    await sweepCrashLeftovers(ctx, { now: LATER() });
    expect(fs.existsSync(spoolPaths(ctx.env, live).spool)).toBe(true);
    expect(fs.existsSync(spoolPaths(ctx.env, live).summary)).toBe(true);
    expect(fs.existsSync(spoolPaths(ctx.env, done).spool)).toBe(false);
    expect(fs.existsSync(spoolPaths(ctx.env, done).summary)).toBe(false);
    expect(fs.existsSync(path.join(dir, `${gone}.ndjson`))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir, "outbox"))).toEqual(["2026-01-01T00-00-00-000Z-abc.json"]);
  }, 120_000);
});

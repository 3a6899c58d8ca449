import { execFileSync } from "node:child_process";
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
import { openReport } from "../../../server/delivery/open-report";
import { getRunnableJob } from "../../../server/jobs/registry";
import { buildCollectJob } from "../../../server/pipeline/pipeline-jobs";
import { spoolPaths } from "../../../server/pipeline/spool-paths";
import { createRequest } from "../../../server/requests/create-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { recordVerificationEvidence } from "../../../server/verification/record-verification-evidence";
import { sourceDialects, testDialects, type TestDatabase, type TestDialect } from "../../support/dialects";
import { createMigratedContext, createTestContext } from "../../support/test-context";

const olivia = demoPerson("ordinary");
const marcus = demoPerson("never_disclose");
const SYSTEM = { kind: "system" } as const;

async function runJob(ctx: AppContext, kind: string, requestId: string): Promise<void> {
  const handler = await getRunnableJob(kind)!.loadHandler();
  await handler(ctx, { requestId }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
}

/** What the verification pages do once the consumer is verified: evidence, level, then collection. */
async function verifyAndStartCollection(ctx: AppContext, requestId: string, level: "reasonable" | "reasonably_high", points: ("email" | "phone" | "fullName")[]) {
  await recordVerificationEvidence(ctx, { requestId, matchedPoints: points, level });
  await transitionRequest(ctx, { requestId, to: "verified", actor: SYSTEM, verificationLevel: level });
  await transitionRequest(ctx, { requestId, to: "collecting", actor: SYSTEM, jobs: [buildCollectJob(requestId)] });
}

async function readReport(ctx: AppContext, requestId: string, format: "json" | "pdf"): Promise<Buffer> {
  const opened = await openReport(ctx, { requestId, format });
  if (!opened.ok) throw new Error(`report ${format}: ${opened.code}`);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// The portal's database on each of its dialects with an SQLite source; and the source on
// PostgreSQL (a business's system; the portal's own database never is), read by URL as in production.
const cases: { name: string; dialect: TestDialect; sourceDialect: TestDialect | null }[] = [
  ...testDialects().map((dialect) => ({ name: dialect.name, dialect, sourceDialect: null })),
  ...sourceDialects()
    .filter((d) => d.name === "postgres")
    .map((sourceDialect) => ({ name: "sqlite with a postgres source", dialect: testDialects()[0]!, sourceDialect })),
];

describe.each(cases)("request pipeline on $name", ({ dialect, sourceDialect }) => {
  let t: TestDatabase<Database>;
  let pgSource: TestDatabase<DemoBusinessDb> | undefined;
  let dataDir: string;
  let sourceUrl: string;
  const contexts: Record<string, AppContext> = {};

  beforeAll(async () => {
    ({ t } = await createMigratedContext(dialect));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-pipeline-"));
    if (sourceDialect) {
      pgSource = await sourceDialect.create<DemoBusinessDb>();
      await seedDemoBusiness(pgSource.db, { dialect: pgSource.dialect, people: 200, filesDir: path.join(dataDir, "demo-files") });
      sourceUrl = pgSource.url;
    } else {
      sourceUrl = `sqlite:${path.join(dataDir, "demo-business.sqlite")}`;
      const source = openDb<DemoBusinessDb>(sourceUrl);
      await seedDemoBusiness(source.db, { dialect: "sqlite", people: 200, filesDir: path.join(dataDir, "demo-files") });
      await source.db.destroy();
    }
    for (const policy of ["none", "specific"]) {
      contexts[policy] = createTestContext(t, { DATA_DIR: dataDir, DEMO_SOURCE_URL: sourceUrl, REVIEW_REQUIRED: policy });
    }
  });
  afterAll(async () => {
    await t?.cleanup();
    await pgSource?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("[CONSUMER]: a verified categories request is collected, rendered, stored encrypted and delivered without review", async () => {
    const ctx = contexts.none!;
    const { id } = await createRequest(ctx, {
      type: "categories",
      channel: "web",
      californiaResident: true,
      subject: { name: olivia.fullName, email: olivia.email, phone: olivia.phone ?? undefined },
      actor: { kind: "consumer" },
    });
    await verifyAndStartCollection(ctx, id, "reasonable", ["email", "phone"]);
    const queued = await t.db.selectFrom("jobs").select(["kind", "state"]).where("idempotency_key", "=", `collect_request:${id}`).executeTakeFirstOrThrow();
    expect(queued).toEqual({ kind: "collect_request", state: "queued" });

    await runJob(ctx, "collect_request", id);
    expect((await t.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state).toBe("approved");
    await runJob(ctx, "render_disclosure", id);

    const row = await t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.state).toBe("delivered");
    expect(row.completed_at).not.toBeNull();
    const json = JSON.parse((await readReport(ctx, id, "json")).toString("utf8"));
    expect(json.request.id).toBe(id);
    expect(json.specificPieces).toBeUndefined();
    const collected = json.categories.filter((c: { collected: boolean }) => c.collected).map((c: { code: string }) => c.code);
    expect(collected).toEqual(expect.arrayContaining(["A", "D", "F"]));
    const pdf = await readReport(ctx, id, "pdf");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const mail = await t.db.selectFrom("jobs").select("kind").where("idempotency_key", "=", `send_mail:report_ready:${id}`).executeTakeFirst();
    expect(mail?.kind).toBe("send_mail");
    // The plaintext spool is gone once the disclosure is stored.
    expect(fs.existsSync(spoolPaths(ctx.env, id).spool)).toBe(false);

    // After the retention window the files are purged and the request expires; its record stays (7101).
    await t.db.updateTable("reports").set({ expires_at: "2000-01-01 00:00:00.000" }).where("request_id", "=", id).execute();
    const sweep = await getRunnableJob("retention_sweep")!.loadHandler();
    await sweep(ctx, { bucket: "2026-11-29T10:00:00.000Z" }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
    expect((await t.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state).toBe("expired");
    expect(await openReport(ctx, { requestId: id, format: "pdf" })).toEqual({ ok: false, code: "expired" });
    // JSON, PDF and the download bundle (ADR 028).
    expect(await t.db.selectFrom("reports").select("purged_at").where("request_id", "=", id).execute()).toEqual([
      { purged_at: expect.any(String) },
      { purged_at: expect.any(String) },
      { purged_at: expect.any(String) },
    ]);
  });

  it("[OPS]: a specific-pieces request waits in review under REVIEW_REQUIRED=specific, and never-disclose values stay out", async () => {
    const ctx = contexts.specific!;
    const { id } = await createRequest(ctx, {
      type: "specific",
      channel: "web",
      californiaResident: true,
      subject: { name: marcus.fullName, email: marcus.email },
      actor: { kind: "consumer" },
      period: "since_2022",
    });
    await verifyAndStartCollection(ctx, id, "reasonably_high", ["email", "phone", "fullName"]);
    await runJob(ctx, "collect_request", id);
    expect((await t.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state).toBe("in_review");
    // Rendering before approval does nothing (idempotent, state-checked).
    await runJob(ctx, "render_disclosure", id);
    expect(await t.db.selectFrom("reports").select("id").where("request_id", "=", id).execute()).toEqual([]);

    await transitionRequest(ctx, { requestId: id, to: "approved", actor: { kind: "staff", id: "s".repeat(26) } });
    await runJob(ctx, "render_disclosure", id);
    const json = (await readReport(ctx, id, "json")).toString("utf8");
    const pdf = await readReport(ctx, id, "pdf");
    const pdfFile = path.join(dataDir, `${id}.pdf`);
    fs.writeFileSync(pdfFile, pdf);
    const pdfText = execFileSync("pdftotext", ["-layout", pdfFile, "-"]).toString("utf8");
    const parsed = JSON.parse(json);
    expect(parsed.specificPieces.recordCount).toBeGreaterThan(0);
    expect(parsed.withheld.map((w: { type: string }) => w.type)).toEqual(expect.arrayContaining(["ssn", "drivers_license", "password"]));
    for (const secret of [marcus.neverDisclose!.ssn, marcus.neverDisclose!.driversLicenseNumber, marcus.neverDisclose!.securityAnswer, marcus.neverDisclose!.passwordHash]) {
      expect(json).not.toContain(secret);
      expect(pdfText).not.toContain(secret);
    }
    expect(pdfText).toContain(marcus.fullName);
  });

  it("[CONSUMER]: a specific-pieces request verified only for categories is released as categories without review (X1)", async () => {
    const ctx = contexts.specific!;
    const { id } = await createRequest(ctx, {
      type: "specific",
      channel: "web",
      californiaResident: true,
      subject: { name: olivia.fullName, email: olivia.email },
      actor: { kind: "consumer" },
    });
    await verifyAndStartCollection(ctx, id, "reasonable", ["email", "fullName"]);
    await runJob(ctx, "collect_request", id);
    expect((await t.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state).toBe("approved");
    await runJob(ctx, "render_disclosure", id);
    const json = JSON.parse((await readReport(ctx, id, "json")).toString("utf8"));
    expect(json.contents).toBe("categories");
    expect(json.verification).toMatchObject({ downgraded: true });
    expect(json.messages.map((m: { code: string }) => m.code)).toContain("downgraded");
  });

  it("[OPS]: a source that cannot be reached leaves the request collecting and the job failing (X22)", async () => {
    // On PostgreSQL: a server that does not answer (nothing listens on port 1).
    const unreachable = sourceDialect ? "postgres://postgres@127.0.0.1:1/nowhere" : `sqlite:${path.join(dataDir, "missing", "nope.sqlite")}`;
    const broken = createTestContext(t, { DATA_DIR: dataDir, DEMO_SOURCE_URL: unreachable, REVIEW_REQUIRED: "none" });
    fs.mkdirSync(path.join(dataDir, "missing"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "missing", "nope.sqlite"), "this is not a database");
    const { id } = await createRequest(broken, {
      type: "categories",
      channel: "web",
      californiaResident: true,
      subject: { name: olivia.fullName, email: olivia.email },
      actor: { kind: "consumer" },
    });
    await verifyAndStartCollection(broken, id, "reasonable", ["email", "fullName"]);
    await expect(runJob(broken, "collect_request", id)).rejects.toMatchObject({ code: "collection_incomplete" });
    expect((await t.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state).toBe("collecting");
    expect(await t.db.selectFrom("reports").select("id").where("request_id", "=", id).execute()).toEqual([]);
  });
});

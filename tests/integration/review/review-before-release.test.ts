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
import { createRequest } from "../../../server/requests/create-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { approveDisclosure } from "../../../server/review/approve-disclosure";
import { buildReviewPage, type PagePiece, type ReviewPage } from "../../../server/review/build-review-page";
import type { ReviewWithholding } from "../../../server/review/review-reasons.shared";
import { listWithholdings } from "../../../server/review/list-withholdings";
import { withholdField } from "../../../server/review/withhold-field";
import { ROLE_PERMISSIONS } from "../../../server/staff/permissions.shared";
import { recordVerificationEvidence } from "../../../server/verification/record-verification-evidence";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext, createTestContext } from "../../support/test-context";

const marcus = demoPerson("never_disclose");
const SYSTEM = { kind: "system" } as const;
const STAFF_ID = "r".repeat(26);
const REVIEWER = { id: STAFF_ID, permissions: ROLE_PERMISSIONS.reviewer };

async function runJob(ctx: AppContext, kind: string, requestId: string): Promise<void> {
  const handler = await getRunnableJob(kind)!.loadHandler();
  await handler(ctx, { requestId }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
}

async function readJson(ctx: AppContext, requestId: string): Promise<string> {
  const opened = await openReport(ctx, { requestId, format: "json" });
  if (!opened.ok) throw new Error(`report json: ${opened.code}`);
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe.each(testDialects())("review before release on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let dataDir: string;
  let ctx: AppContext;

  beforeAll(async () => {
    ({ t } = await createMigratedContext(dialect));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-review-"));
    const sourceUrl = `sqlite:${path.join(dataDir, "demo-business.sqlite")}`;
    const source = openDb<DemoBusinessDb>(sourceUrl);
    await seedDemoBusiness(source.db, { dialect: "sqlite", people: 200, filesDir: path.join(dataDir, "demo-files") });
    await source.db.destroy();
    ctx = createTestContext(t, { DATA_DIR: dataDir, DEMO_SOURCE_URL: sourceUrl, REVIEW_REQUIRED: "specific" });
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A verified specific-pieces request for Marcus, collected and waiting in review. */
  async function inReview(): Promise<string> {
    const { id } = await createRequest(ctx, {
      type: "specific",
      channel: "web",
      californiaResident: true,
      subject: { name: marcus.fullName, email: marcus.email },
      actor: { kind: "consumer" },
      period: "since_2022",
    });
    await recordVerificationEvidence(ctx, { requestId: id, matchedPoints: ["email", "phone", "fullName"], level: "reasonably_high" });
    await transitionRequest(ctx, { requestId: id, to: "verified", actor: SYSTEM, verificationLevel: "reasonably_high" });
    await transitionRequest(ctx, { requestId: id, to: "collecting", actor: SYSTEM, jobs: [buildCollectJob(id)] });
    await runJob(ctx, "collect_request", id);
    expect(await state(id)).toBe("in_review");
    return id;
  }
  const requester = { emails: [marcus.email], phones: [], names: [marcus.fullName] };
  const load = async (id: string, withholdings: readonly ReviewWithholding[], dataset: string | null = null, page = 0): Promise<Extract<ReviewPage, { available: true }>> => {
    const shown = await buildReviewPage(ctx, { requestId: id, staffId: STAFF_ID, withholdings, requester, filter: { category: null, dataset, q: "", page, mentionsPage: 0 } });
    if (!shown.available) throw new Error("review page not available");
    return shown;
  };
  /** Every piece of every record of every dataset, page by page, as the review desk shows them. */
  async function allPieces(id: string, withholdings: readonly ReviewWithholding[]): Promise<{ dataset: string; fieldId: string; recordKey: string; piece: PagePiece }[]> {
    const pieces: { dataset: string; fieldId: string; recordKey: string; piece: PagePiece }[] = [];
    for (const dataset of (await load(id, withholdings)).datasets) {
      for (let page = 0; page * 25 < dataset.records; page++) {
        const shown = await load(id, withholdings, dataset.key, page);
        if (shown.view.kind !== "dataset") continue;
        for (const record of shown.view.records) for (const piece of record.pieces) pieces.push({ dataset: dataset.key, fieldId: piece.fieldId, recordKey: record.recordKey, piece });
      }
    }
    return pieces;
  }
  const state = async (id: string) => (await t.db.selectFrom("requests").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state;
  const version = async (id: string) => (await t.db.selectFrom("requests").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

  it("[OPS]: the review shows the person's values in every dataset, never-disclose values only as collected, and is audited", async () => {
    const id = await inReview();
    const first = await load(id, []);
    expect(first.recordCount).toBeGreaterThan(0);
    const pieces = await allPieces(id, []);
    // Every record of every dataset, not a first few (issue 17).
    expect(new Set(pieces.map((p) => `${p.dataset}#${p.recordKey}`)).size).toBe(first.datasets.reduce((n, d) => n + d.records, 0));
    const text = JSON.stringify(pieces);
    expect(text).toContain(marcus.fullName);
    expect(pieces.some((p) => p.piece.neverDisclose !== null)).toBe(true);
    for (const secret of [marcus.neverDisclose!.ssn, marcus.neverDisclose!.driversLicenseNumber, marcus.neverDisclose!.securityAnswer, marcus.neverDisclose!.passwordHash]) {
      expect(text).not.toContain(secret);
    }
    const audit = await t.db.selectFrom("audit_events").select(["action", "details", "actor_id"]).where("request_id", "=", id).where("action", "=", "ops.disclosure_previewed").execute();
    // One audit row per page a staff member read.
    expect(audit.length).toBeGreaterThan(1);
    expect(audit[0]!.actor_id).toBe(STAFF_ID);
    expect(audit[0]!.details).not.toContain(marcus.fullName);
  });

  it("[OPS]: a withheld field is left out of the released JSON, which lists it with its reason (X21, R35)", async () => {
    const id = await inReview();
    const values = (await allPieces(id, [])).filter((p) => p.piece.value !== null && p.piece.value.length >= 3);
    // The support message body if Marcus has one (a message naming a colleague), otherwise any shown value but his name.
    const target = values.find((p) => p.fieldId === "support_messages.body") ?? values.find((p) => !String(p.piece.value).includes(marcus.fullName))!;
    expect(target).toBeDefined();
    const withheldValues = values.filter((p) => p.fieldId === target.fieldId).map((p) => p.piece.value ?? "");

    await withholdField(ctx, { requestId: id, staffId: STAFF_ID, fieldId: target.fieldId, reasonCode: "third_party_pi", reasonText: "Names a colleague", expectedVersion: await version(id) });
    const withholdings = await listWithholdings(ctx, id);
    expect(withholdings).toMatchObject([{ fieldId: target.fieldId, recordKey: null, reasonCode: "third_party_pi", reasonText: "Names a colleague", staffId: STAFF_ID }]);
    const after = await allPieces(id, withholdings);
    expect(after.filter((p) => p.fieldId === target.fieldId).every((p) => p.piece.withheldBy?.scope === "field")).toBe(true);
    const audit = await t.db.selectFrom("audit_events").select("details").where("request_id", "=", id).where("action", "=", "review.field_withheld").executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ fieldId: target.fieldId, reasonCode: "third_party_pi", scope: "field" });
    expect(audit.details).not.toContain("colleague");

    await approveDisclosure(ctx, { requestId: id, staff: REVIEWER, expectedVersion: await version(id) });
    expect(await state(id)).toBe("approved");
    const job = await t.db.selectFrom("jobs").select("kind").where("idempotency_key", "like", `render_disclosure:${id}:%`).executeTakeFirst();
    expect(job?.kind).toBe("render_disclosure");
    await runJob(ctx, "render_disclosure", id);
    expect(await state(id)).toBe("delivered");

    const json = await readJson(ctx, id);
    const document = JSON.parse(json);
    for (const value of withheldValues) expect(json).not.toContain(JSON.stringify(value).slice(1, -1));
    expect(document.withheldByReview).toHaveLength(1);
    expect(document.withheldByReview[0]).toMatchObject({ reasonCode: "third_party_pi", count: expect.any(Number) });
    expect(document.withheldByReview[0].statement).toMatch(/^Withheld by our reviewer: /);
    expect(document.withheldByReview[0].reason).toContain("1798.145(k)");
    expect(json).not.toContain("Names a colleague");
    expect(json).toContain(marcus.fullName);
  });

  it("[SECURITY]: withholding is refused outside review, and for a reason of 'other' without words", async () => {
    const id = await inReview();
    await expect(withholdField(ctx, { requestId: id, staffId: STAFF_ID, fieldId: "users.full_name", reasonCode: "other", reasonText: "  " })).rejects.toMatchObject({ code: "validation" });
    await approveDisclosure(ctx, { requestId: id, staff: REVIEWER, expectedVersion: await version(id) });
    await expect(withholdField(ctx, { requestId: id, staffId: STAFF_ID, fieldId: "users.full_name", reasonCode: "exempt", reasonText: "" })).rejects.toMatchObject({ code: "illegal_transition" });
    expect(await listWithholdings(ctx, id)).toEqual([]);
  });

  it("[SECURITY]: approval needs release:report:any, refuses a stale page, and only releases a request in review", async () => {
    const id = await inReview();
    const noRelease = { id: STAFF_ID, permissions: ROLE_PERMISSIONS.reviewer.filter((p) => p !== "release:report:any") };
    await expect(approveDisclosure(ctx, { requestId: id, staff: noRelease, expectedVersion: await version(id) })).rejects.toMatchObject({ code: "forbidden" });
    const seen = await version(id);
    await withholdField(ctx, { requestId: id, staffId: STAFF_ID, fieldId: "users.full_name", recordKey: "x", reasonCode: "security_risk", reasonText: "" });
    // A colleague withheld something since this page was loaded: approving from it is a conflict.
    await expect(approveDisclosure(ctx, { requestId: id, staff: REVIEWER, expectedVersion: seen })).rejects.toMatchObject({ code: "conflict" });
    expect(await state(id)).toBe("in_review");
    await approveDisclosure(ctx, { requestId: id, staff: REVIEWER, expectedVersion: await version(id) });
    await expect(approveDisclosure(ctx, { requestId: id, staff: REVIEWER, expectedVersion: await version(id) })).rejects.toMatchObject({ code: "illegal_transition" });
  });
});

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
import { openSpoolFile } from "../../../server/reports/open-spool-file";
import { createRequest } from "../../../server/requests/create-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { approveDisclosure } from "../../../server/review/approve-disclosure";
import { REVIEW_PAGE_SIZE } from "../../../server/review/build-review-index";
import { buildReviewPage, type PageRecord, type ReviewFilter, type ReviewPage } from "../../../server/review/build-review-page";
import { listWithholdings } from "../../../server/review/list-withholdings";
import { undoWithholding } from "../../../server/review/undo-withholding";
import { previewMatchWithholding, withholdByMatch } from "../../../server/review/withhold-by-match";
import { withholdField } from "../../../server/review/withhold-field";
import { wholeRecordKey } from "../../../server/review/withheld-by-review";
import { ROLE_PERMISSIONS } from "../../../server/staff/permissions.shared";
import { recordVerificationEvidence } from "../../../server/verification/record-verification-evidence";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext, createTestContext } from "../../support/test-context";
import { getReportKey } from "../../../server/delivery/report-key";

// The review desk (issue 17; R30, R35, R42): every record page by page, search, mentions of other
// people, withholding a whole record, by match, and undo; the released JSON reflects exactly that.

const olivia = demoPerson("ordinary");
const colleague = olivia.mentions![0]!;
const SYSTEM = { kind: "system" } as const;
const STAFF_ID = "s".repeat(26);
const REVIEWER = { id: STAFF_ID, permissions: ROLE_PERMISSIONS.reviewer };
const requester = { emails: [olivia.email], phones: [olivia.phone!], names: [olivia.fullName] };
const NO_FILTER: ReviewFilter = { category: null, dataset: null, q: "", page: 0, mentionsPage: 0 };

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

type Available = Extract<ReviewPage, { available: true }>;
function available(page: ReviewPage): Available {
  if (!page.available) throw new Error("review page not available");
  return page;
}
const datasetRecords = (page: Available): PageRecord[] => (page.view.kind === "dataset" ? page.view.records : []);

describe.each(testDialects())("review desk on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let dataDir: string;
  let ctx: AppContext;

  beforeAll(async () => {
    ({ t } = await createMigratedContext(dialect));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-review-desk-"));
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

  async function inReview(): Promise<string> {
    const { id } = await createRequest(ctx, {
      type: "specific",
      channel: "web",
      californiaResident: true,
      subject: { name: olivia.fullName, email: olivia.email },
      actor: { kind: "consumer" },
      period: "since_2022",
    });
    await recordVerificationEvidence(ctx, { requestId: id, matchedPoints: ["email", "phone", "fullName"], level: "reasonably_high" });
    await transitionRequest(ctx, { requestId: id, to: "verified", actor: SYSTEM, verificationLevel: "reasonably_high" });
    await transitionRequest(ctx, { requestId: id, to: "collecting", actor: SYSTEM, jobs: [buildCollectJob(id)] });
    await runJob(ctx, "collect_request", id);
    return id;
  }
  const version = async (id: string) => (await t.db.selectFrom("requests").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
  const page = async (id: string, filter: Partial<ReviewFilter> = {}) =>
    available(await buildReviewPage(ctx, { requestId: id, staffId: STAFF_ID, withholdings: await listWithholdings(ctx, id), requester, filter: { ...NO_FILTER, ...filter } }));

  it("[OPS]: pages through every record of every dataset, in spool order, from an index kept beside the spool", async () => {
    const id = await inReview();
    // Built by the collection job (ADR 043): there before the first page is opened, so no reviewer waits for it.
    expect(fs.existsSync(`${spoolPaths(ctx.env, id).spool}.review-index.json`)).toBe(true);
    const first = await page(id);
    // What a full read of the spool holds per dataset: the pages must show exactly these, in order.
    const expected = new Map<string, string[]>();
    for await (const { record } of openSpoolFile(spoolPaths(ctx.env, id).spool, getReportKey(ctx.env)).scan()) {
      if (!record.values.some((v) => v !== null)) continue;
      const key = `${record.dataset.sourceId}/${record.dataset.datasetId}`;
      expected.set(key, [...(expected.get(key) ?? []), record.recordKey]);
    }
    expect(first.datasets.map((d) => d.key).sort()).toEqual([...expected.keys()].sort());
    const paged = first.datasets.find((d) => d.records > REVIEW_PAGE_SIZE)!;
    expect(paged).toBeDefined();
    for (const dataset of first.datasets) {
      const keys: string[] = [];
      for (let p = 0; p * REVIEW_PAGE_SIZE < dataset.records; p++) {
        const shown = await page(id, { dataset: dataset.key, page: p });
        const records = datasetRecords(shown);
        expect(records[0]?.ordinal).toBe(p * REVIEW_PAGE_SIZE + 1);
        keys.push(...records.map((r) => r.recordKey));
      }
      expect(keys).toEqual(expected.get(dataset.key));
    }
    const category = first.categories[0]!.code;
    const inCategory = await page(id, { category });
    expect(inCategory.datasets.filter((d) => d.categories.includes(category)).map((d) => d.key)).toContain(inCategory.filter.dataset);
    expect(datasetRecords(inCategory).flatMap((r) => r.pieces).every((p) => p.label && first.datasets.some((d) => d.fields.some((f) => f.fieldId === p.fieldId && f.categories.includes(category))))).toBe(true);
  }, 120_000);

  it("[OPS]: the support message naming a colleague is flagged as a mention of another customer, the requester's own details are not (R30)", async () => {
    const id = await inReview();
    const shown = await page(id);
    expect(shown.mentions.records).toBeGreaterThan(0);
    const hit = shown.mentions.shown.find((m) => m.pieces[0]!.value!.includes(colleague))!;
    expect(hit).toBeDefined();
    const value = hit.pieces[0]!.value!;
    expect(hit.pieces[0]!.marks.map((m) => [value.slice(m.start, m.end), m.kind])).toContainEqual([colleague, "customer_name"]);
    const marked = shown.mentions.shown.flatMap((m) => m.pieces[0]!.marks.map((k) => m.pieces[0]!.value!.slice(k.start, k.end).toLowerCase()));
    expect(marked).not.toContain(olivia.fullName.toLowerCase());
    expect(marked).not.toContain(olivia.email);
    // The index beside the spool holds offsets only: no name, no value.
    const index = fs.readFileSync(`${spoolPaths(ctx.env, id).spool}.review-index.json`, "utf8");
    expect(index).not.toContain(colleague);
    expect(index).not.toContain(olivia.email);
  });

  it("[OPS]: a whole record, a match across the disclosure and an undone withholding reach the released JSON exactly (R35, R42)", async () => {
    const id = await inReview();
    const search = await page(id, { q: colleague });
    expect(search.view.kind === "search" && search.view.records).toBeGreaterThan(0);
    const first = await page(id);
    const dataset = first.datasets.find((d) => d.records > REVIEW_PAGE_SIZE) ?? first.datasets[0]!;
    const target = datasetRecords(await page(id, { dataset: dataset.key, page: Math.floor((dataset.records - 1) / REVIEW_PAGE_SIZE) })).at(-1)!;
    await withholdField(ctx, { requestId: id, staffId: STAFF_ID, fieldId: "*", recordKey: wholeRecordKey(dataset.key, target.recordKey), reasonCode: "security_risk", reasonText: "", expectedVersion: await version(id) });

    const preview = await previewMatchWithholding(ctx, { requestId: id, matchText: colleague.toUpperCase() });
    expect(preview.values).toBeGreaterThan(0);
    expect(preview.sample[0]!.value.toLowerCase()).toContain(colleague.toLowerCase());
    const match = await withholdByMatch(ctx, { requestId: id, staffId: STAFF_ID, matchText: colleague, reasonCode: "third_party_pi", reasonText: "Names a colleague", expectedVersion: await version(id) });
    expect(match.values).toBe(preview.values);
    const undone = await withholdField(ctx, { requestId: id, staffId: STAFF_ID, fieldId: "users.full_name", reasonCode: "exempt", reasonText: "", expectedVersion: await version(id) });
    await undoWithholding(ctx, { requestId: id, staffId: STAFF_ID, withholdingId: undone.id, expectedVersion: await version(id) });
    await expect(undoWithholding(ctx, { requestId: id, staffId: STAFF_ID, withholdingId: undone.id, expectedVersion: await version(id) })).rejects.toMatchObject({ code: "not_found" });

    const after = await page(id, { dataset: dataset.key, page: Math.floor((dataset.records - 1) / REVIEW_PAGE_SIZE) });
    expect(datasetRecords(after).at(-1)!.pieces.filter((p) => p.neverDisclose === null).every((p) => p.withheldBy?.scope === "record")).toBe(true);
    const withholdings = await listWithholdings(ctx, id);
    expect(withholdings.map((w) => w.matchText)).toEqual([null, colleague]);
    const audit = await t.db.selectFrom("audit_events").select(["action", "details"]).where("request_id", "=", id).where("action", "like", "review.%").orderBy("id").execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["review.field_withheld", "review.field_withheld", "review.match_withheld", "review.withholding_undone"]);
    expect(audit.map((a) => a.details).join()).not.toContain(colleague);

    await approveDisclosure(ctx, { requestId: id, staff: REVIEWER, expectedVersion: await version(id) });
    await runJob(ctx, "render_disclosure", id);
    const json = await readJson(ctx, id);
    const document = JSON.parse(json) as { withheldByReview: { reasonCode: string; count: number; dataset: string }[] };
    expect(json).not.toContain(colleague);
    expect(json).toContain(olivia.fullName);
    expect(document.withheldByReview.filter((w) => w.reasonCode === "third_party_pi").reduce((n, w) => n + w.count, 0)).toBe(preview.values);
    expect(document.withheldByReview.filter((w) => w.reasonCode === "security_risk").every((w) => w.count === 1 && w.dataset === dataset.label)).toBe(true);
    expect(document.withheldByReview.some((w) => w.reasonCode === "exempt")).toBe(false);
    expect(fs.existsSync(`${spoolPaths(ctx.env, id).spool}.review-index.json`)).toBe(false);
  }, 180_000);

  it("[SECURITY]: a match shorter than 3 characters, and an undo after approval, are refused and change nothing", async () => {
    const id = await inReview();
    await expect(withholdByMatch(ctx, { requestId: id, staffId: STAFF_ID, matchText: " a ", reasonCode: "third_party_pi", reasonText: "", expectedVersion: await version(id) })).rejects.toMatchObject({ code: "validation" });
    const w = await withholdField(ctx, { requestId: id, staffId: STAFF_ID, fieldId: "users.full_name", reasonCode: "exempt", reasonText: "", expectedVersion: await version(id) });
    await expect(undoWithholding(ctx, { requestId: id, staffId: STAFF_ID, withholdingId: w.id, expectedVersion: (await version(id)) - 1 })).rejects.toMatchObject({ code: "conflict" });
    await approveDisclosure(ctx, { requestId: id, staff: REVIEWER, expectedVersion: await version(id) });
    await expect(undoWithholding(ctx, { requestId: id, staffId: STAFF_ID, withholdingId: w.id, expectedVersion: await version(id) })).rejects.toMatchObject({ code: "illegal_transition" });
    expect(await listWithholdings(ctx, id)).toHaveLength(1);
  });
});

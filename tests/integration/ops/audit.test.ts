import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import { verifyAuditChain } from "../../../server/audit/verify-audit-chain";
import type { AppContext } from "../../../server/context";
import { getRequestForOps } from "../../../server/ops/get-request-for-ops";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "../../../server/ops/list-audit-events";
import { recordRecordsExport } from "../../../server/ops/record-records-export";
import { describeAuditVerdict } from "../../../server/ops/run-audit-verify-command";
import { createRequest } from "../../../server/requests/create-request";
import { durableDialects, createTestContext, sampleRequestInput } from "../../support/test-context";
import { migrateToLatest } from "../../../db/migrate";
import type { TestDatabase } from "../../support/dialects";

const STAFF_ID = "0000000000000000000000staf";

describe.each(durableDialects())("audit trail page and `rtk audit verify` on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let requestId: string;
  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    ctx = createTestContext(t);
    await t.db.insertInto("staff_users").values({
      id: STAFF_ID,
      email: "rev@parlay.example",
      name: "Rita Reviewer",
      role: "reviewer",
      password_hash: "x",
      totp_secret: null,
      disabled_at: null,
      created_at: "2026-01-01 00:00:00.000",
      updated_at: "2026-01-01 00:00:00.000",
      totp_pending_secret: null,
      totp_last_step: null,
    }).execute();
    requestId = (await createRequest(ctx, sampleRequestInput())).id;
    await createRequest(ctx, sampleRequestInput());
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const rtk = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
      encoding: "utf8",
      // A folder of its own: start-up makes DATA_DIR private, and refuses a shared one like /tmp.
      env: { PATH: process.env.PATH, NODE_ENV: "test", DATABASE_URL: t.url, DATA_DIR: ctx.env.DATA_DIR, LOG_LEVEL: "warn" },
    });

  it("[OPS]: opening a request records who viewed it; the page lists events newest first with staff names", async () => {
    const { request } = await getRequestForOps(ctx, { requestId, staffId: STAFF_ID });
    expect(request.subject.email).toBe("ana@example.test");
    const page = await listAuditEvents(ctx, {});
    expect(page.items[0]).toMatchObject({ action: "ops.request_viewed", actorKind: "staff", actorId: STAFF_ID, actorName: "Rita Reviewer", requestId, details: {} });
    const seqs = page.items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // The view event names the staff member and the request, never what was shown.
    expect(JSON.stringify(page)).not.toContain("example.test");

    const forRequest = await listAuditEvents(ctx, { requestId });
    expect(forRequest.items.map((i) => i.action)).toEqual(["ops.request_viewed", "request.received"]);
  });

  it("[OPS]: an unknown request id is not found and records no view", async () => {
    const before = (await listAuditEvents(ctx, {})).items[0]!.seq;
    await expect(getRequestForOps(ctx, { requestId: "0000000000000000000000none", staffId: STAFF_ID })).rejects.toMatchObject({ code: "not_found" });
    expect((await listAuditEvents(ctx, {})).items[0]!.seq).toBe(before);
  });

  it("[OPS]: pages older events by seq without gaps or overlap", async () => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i += 1) {
      await recordRecordsExport(ctx, { staffId: STAFF_ID, export: "request_log", from: "2025-01-01", to: "2025-12-31" });
    }
    const first = await listAuditEvents(ctx, {});
    expect(first.items).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.olderThan).toBe(first.items.at(-1)!.seq);
    expect(first.items[0]).toMatchObject({ action: "ops.records_exported", details: { export: "request_log", from: "2025-01-01", to: "2025-12-31" } });
    const second = await listAuditEvents(ctx, { beforeSeq: first.olderThan });
    expect(second.olderThan).toBeNull();
    const all = [...first.items, ...second.items].map((i) => i.seq);
    const total = Number((await t.db.selectFrom("audit_events").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(all).toEqual(Array.from({ length: total }, (_, i) => total - i));
  });

  it("[OPS]: `rtk audit verify` prints OK with the count and exits 0 on an intact chain", async () => {
    const verdict = await verifyAuditChain(ctx);
    expect(verdict.ok).toBe(true);
    const result = rtk("audit", "verify");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(`Audit chain OK: ${verdict.checked} events verified.`);
  });

  it("[SECURITY]: a changed audit row is found at its seq by the page's check and by the CLI, which exits 1", async () => {
    const target = (await listAuditEvents(ctx, { requestId })).items.find((i) => i.action === "request.received")!;
    // Someone rewrites history: the request now seems to have come in by mail.
    const row = await t.db.selectFrom("audit_events").select("details").where("seq", "=", target.seq).executeTakeFirstOrThrow();
    await t.db.updateTable("audit_events").set({ details: row.details.replace('"channel":"web"', '"channel":"mail"') }).where("seq", "=", target.seq).execute();

    const verdict = await verifyAuditChain(ctx);
    expect(verdict).toEqual({ ok: false, brokenSeq: target.seq, checked: target.seq - 1 });
    expect(describeAuditVerdict(verdict)).toEqual({
      line: `Audit chain BROKEN at seq ${target.seq}: that row was edited, removed or re-chained (${target.seq - 1} events before it verified).`,
      exitCode: 1,
    });
    const result = rtk("audit", "verify");
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`Audit chain BROKEN at seq ${target.seq}`);
  });
});

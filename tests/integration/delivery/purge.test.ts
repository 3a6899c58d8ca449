import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueDownloadLink } from "../../../server/delivery/issue-download-link";
import { openReport } from "../../../server/delivery/open-report";
import { purgeExpiredReports } from "../../../server/delivery/purge-expired-reports";
import { storeReport } from "../../../server/delivery/store-report";
import { toDbTime } from "../../../server/lib/clock";
import { newId } from "../../../server/lib/ids";
import { purgeOldRequestRecords } from "../../../server/records/purge-old-request-records";
import { testDialects } from "../../support/dialects";
import { createHarness, inDays, insertRequest, makeReport, type DeliveryHarness } from "./fixtures";

describe.each(testDialects())("retention purge on $name", (dialect) => {
  let h: DeliveryHarness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  const files = (): string[] => {
    const dir = path.join(h.dataDir, "reports");
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  };
  const chunks = async (reportId: string): Promise<number> =>
    (await h.t.db.selectFrom("report_chunks").select("seq").where("report_id", "=", reportId).execute()).length;

  it.each(["disk", "database"] as const)("[OPS]: removes the bytes of %s reports past their window, keeps the rows, and is idempotent", async (storage) => {
    const ctx = h.context({ REPORT_STORAGE: storage });
    const now = new Date();
    const expiredRequest = await insertRequest(ctx.db);
    const liveRequest = await insertRequest(ctx.db);
    const expired = await storeReport(ctx, { requestId: expiredRequest, format: "pdf", content: makeReport(600_000).chunks(), expiresAt: inDays(-1, now) });
    const live = await storeReport(ctx, { requestId: liveRequest, format: "pdf", content: makeReport(600_000).chunks(), expiresAt: inDays(3, now) });
    const keyOf = async (id: string) => (await ctx.db.selectFrom("reports").select("storage_key").where("id", "=", id).executeTakeFirstOrThrow()).storage_key;
    const expiredKey = await keyOf(expired.id);

    const first = await purgeExpiredReports(ctx, { now });
    expect(first.purged).toBe(1);
    const row = await ctx.db.selectFrom("reports").selectAll().where("id", "=", expired.id).executeTakeFirstOrThrow();
    expect(row.purged_at).toBe(toDbTime(now));
    expect(row.sha256).toBe(expired.sha256);
    expect(await ctx.db.selectFrom("requests").select("id").where("id", "=", expiredRequest).executeTakeFirst()).toBeDefined();
    if (storage === "disk") {
      expect(files()).not.toContain(expiredKey);
      expect(files()).toContain(await keyOf(live.id));
    } else {
      expect(await chunks(expired.id)).toBe(0);
      expect(await chunks(live.id)).toBeGreaterThan(0);
    }
    expect(await openReport(ctx, { requestId: expiredRequest, format: "pdf", now })).toEqual({ ok: false, code: "expired" });
    expect((await openReport(ctx, { requestId: liveRequest, format: "pdf", now })).ok).toBe(true);

    const second = await purgeExpiredReports(ctx, { now: inDays(1, now) });
    expect(second.purged).toBe(0);
    const again = await ctx.db.selectFrom("reports").select("purged_at").where("id", "=", expired.id).executeTakeFirstOrThrow();
    expect(again.purged_at).toBe(toDbTime(now));
  });

  it("[OPS]: sweeps old orphan files and interrupted writes, never a live report or a fresh file", async () => {
    const ctx = h.context({ REPORT_STORAGE: "disk" });
    const requestId = await insertRequest(ctx.db);
    const live = await storeReport(ctx, { requestId, format: "json", content: makeReport(1000).chunks(), expiresAt: inDays(30) });
    const liveKey = (await ctx.db.selectFrom("reports").select("storage_key").where("id", "=", live.id).executeTakeFirstOrThrow()).storage_key;
    const dir = path.join(h.dataDir, "reports");
    const orphan = newId();
    fs.writeFileSync(path.join(dir, orphan), "ciphertext", { mode: 0o600 });
    fs.writeFileSync(path.join(dir, `.tmp-${newId()}`), "partial", { mode: 0o600 });
    fs.writeFileSync(path.join(dir, "README"), "not ours");

    expect((await purgeExpiredReports(ctx, { now: new Date() })).orphanFiles).toBe(0);
    const result = await purgeExpiredReports(ctx, { now: new Date(Date.now() + 2 * 3_600_000) });
    expect(result.orphanFiles).toBe(2);
    expect(files().sort()).toEqual(expect.arrayContaining([liveKey, "README"]));
    expect(files()).not.toContain(orphan);
    expect(files().some((f) => f.startsWith(".tmp-"))).toBe(false);
  });

  it("[OPS]: deletes request records 24 months after completion with their reports and links, not before (7101(b))", async () => {
    const ctx = h.context({ REPORT_STORAGE: "disk" });
    const now = new Date("2028-12-15T12:00:00.000Z");
    const old = await insertRequest(ctx.db, { completed_at: "2026-12-15 11:59:59.999" });
    const exactly24 = await insertRequest(ctx.db, { completed_at: "2026-12-15 12:00:00.000" });
    const recent = await insertRequest(ctx.db, { completed_at: "2027-06-01 00:00:00.000" });
    const neverCompleted = await insertRequest(ctx.db, { state: "awaiting_verification", received_at: "2025-01-01 00:00:00.000" });
    const report = await storeReport(ctx, { requestId: old, format: "pdf", content: makeReport(5000).chunks(), expiresAt: new Date("2029-01-01T00:00:00Z") });
    const key = (await ctx.db.selectFrom("reports").select("storage_key").where("id", "=", report.id).executeTakeFirstOrThrow()).storage_key;
    await issueDownloadLink(ctx, { requestId: old, format: null, requester: { kind: "consumer", sessionId: "s".repeat(64) }, now });
    await ctx.db.insertInto("request_events").values({ id: newId(), request_id: old, to_state: "delivered", actor_kind: "system", created_at: toDbTime(now) }).execute();

    expect(await purgeOldRequestRecords(ctx, { now })).toEqual({ deleted: 1 });
    const remaining = (await ctx.db.selectFrom("requests").select("id").where("id", "in", [old, exactly24, recent, neverCompleted]).execute()).map((r) => r.id);
    expect(remaining.sort()).toEqual([exactly24, recent, neverCompleted].sort());
    expect(files()).not.toContain(key);
    expect(await ctx.db.selectFrom("reports").select("id").where("request_id", "=", old).execute()).toEqual([]);
    expect(await ctx.db.selectFrom("request_events").select("id").where("request_id", "=", old).execute()).toEqual([]);
    expect(await purgeOldRequestRecords(ctx, { now })).toEqual({ deleted: 0 });
  });
});

import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../../server/context";
import { ReportBlobError } from "../../../server/delivery/blob-format";
import { CHUNK_SIZE } from "../../../server/delivery/database-report-storage";
import { openReport } from "../../../server/delivery/open-report";
import { storeReport } from "../../../server/delivery/store-report";
import { testDialects } from "../../support/dialects";
import { collect, createHarness, inDays, insertRequest, makeReport, MARKER, type DeliveryHarness } from "./fixtures";

const STORAGES = ["disk", "database"] as const;

describe.each(testDialects())("encrypted report storage on $name", (dialect) => {
  let h: DeliveryHarness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  /** The ciphertext exactly as stored, whichever the backend. */
  async function storedBytes(ctx: AppContext, reportId: string): Promise<Buffer> {
    const row = await ctx.db.selectFrom("reports").selectAll().where("id", "=", reportId).executeTakeFirstOrThrow();
    if (row.storage === "disk") return fs.readFileSync(path.join(h.dataDir, "reports", row.storage_key));
    const chunks = await ctx.db.selectFrom("report_chunks").select("data").where("report_id", "=", reportId).orderBy("seq").execute();
    return Buffer.concat(chunks.map((c) => Buffer.from(c.data)));
  }

  async function chunkCount(ctx: AppContext, reportId?: string): Promise<number> {
    let query = ctx.db.selectFrom("report_chunks").select((eb) => eb.fn.countAll<number>().as("n"));
    if (reportId) query = query.where("report_id", "=", reportId);
    return Number((await query.executeTakeFirstOrThrow()).n);
  }

  function reportFiles(): string[] {
    const dir = path.join(h.dataDir, "reports");
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  }

  describe.each(STORAGES)("in %s storage", (storage) => {
    it("[SECURITY]: round-trips a multi-megabyte stream and stores no plaintext (R32: encrypted at rest)", async () => {
      const ctx = h.context({ REPORT_STORAGE: storage });
      const requestId = await insertRequest(ctx.db);
      const report = makeReport(3 * 1024 * 1024 + 12_345, storage);
      const stored = await storeReport(ctx, { requestId, format: "pdf", content: report.chunks(), expiresAt: inDays(7) });
      expect(stored).toMatchObject({ storage, sha256: report.sha256, sizeBytes: report.bytes.length, replacedId: null });

      const ciphertext = await storedBytes(ctx, stored.id);
      expect(ciphertext.length).toBeGreaterThan(report.bytes.length);
      expect(ciphertext.includes(MARKER)).toBe(false);
      expect(ciphertext.subarray(0, 4).toString("ascii")).toBe("RTKR");

      const opened = await openReport(ctx, { requestId, format: "pdf" });
      if (!opened.ok) throw new Error(`expected ok, got ${opened.code}`);
      expect(opened.report).toMatchObject({ id: stored.id, sha256: report.sha256, sizeBytes: report.bytes.length });
      const plaintext = await collect(opened.stream);
      expect(plaintext.equals(report.bytes)).toBe(true);

      if (storage === "disk") {
        const file = path.join(h.dataDir, "reports", (await ctx.db.selectFrom("reports").select("storage_key").where("id", "=", stored.id).executeTakeFirstOrThrow()).storage_key);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      } else {
        const sizes = await ctx.db.selectFrom("report_chunks").select("data").where("report_id", "=", stored.id).orderBy("seq").execute();
        expect(sizes.slice(0, -1).every((c) => Buffer.from(c.data).length === CHUNK_SIZE)).toBe(true);
      }
    });

    it("[SECURITY]: refuses a report with one stored byte changed", async () => {
      const ctx = h.context({ REPORT_STORAGE: storage });
      const requestId = await insertRequest(ctx.db);
      const report = makeReport(600_000, "tamper");
      const stored = await storeReport(ctx, { requestId, format: "json", content: report.chunks(), expiresAt: inDays(7) });
      const row = await ctx.db.selectFrom("reports").selectAll().where("id", "=", stored.id).executeTakeFirstOrThrow();
      if (storage === "disk") {
        const file = path.join(h.dataDir, "reports", row.storage_key);
        const bytes = fs.readFileSync(file);
        bytes[300_000] = bytes[300_000]! ^ 0x01;
        fs.writeFileSync(file, bytes);
      } else {
        const chunk = await ctx.db.selectFrom("report_chunks").select("data").where("report_id", "=", stored.id).where("seq", "=", 1).executeTakeFirstOrThrow();
        const data = Buffer.from(chunk.data);
        data[100] = data[100]! ^ 0x01;
        await ctx.db.updateTable("report_chunks").set({ data }).where("report_id", "=", stored.id).where("seq", "=", 1).execute();
      }
      const opened = await openReport(ctx, { requestId, format: "json" });
      if (!opened.ok) throw new Error("expected ok");
      await expect(collect(opened.stream)).rejects.toBeInstanceOf(ReportBlobError);
    });

    it("[SECURITY]: refuses a truncated report, even one cut at a chunk boundary", async () => {
      const ctx = h.context({ REPORT_STORAGE: storage });
      const requestId = await insertRequest(ctx.db);
      const stored = await storeReport(ctx, { requestId, format: "pdf", content: makeReport(700_000, "cut").chunks(), expiresAt: inDays(7) });
      const row = await ctx.db.selectFrom("reports").selectAll().where("id", "=", stored.id).executeTakeFirstOrThrow();
      if (storage === "disk") {
        const file = path.join(h.dataDir, "reports", row.storage_key);
        fs.truncateSync(file, fs.statSync(file).size - 1000);
      } else {
        const last = await chunkCount(ctx, stored.id);
        await ctx.db.deleteFrom("report_chunks").where("report_id", "=", stored.id).where("seq", "=", last - 1).execute();
      }
      const opened = await openReport(ctx, { requestId, format: "pdf" });
      if (!opened.ok) throw new Error("expected ok");
      await expect(collect(opened.stream)).rejects.toThrow(/truncated|authentication/);
    });

    it("[OPS]: a retried store replaces the report: one row, no orphan chunks or files", async () => {
      const ctx = h.context({ REPORT_STORAGE: storage });
      const requestId = await insertRequest(ctx.db);
      const filesBefore = reportFiles();
      const chunksBefore = await chunkCount(ctx);
      const first = await storeReport(ctx, { requestId, format: "pdf", content: makeReport(400_000, "first").chunks(), expiresAt: inDays(7) });
      const second = makeReport(300_000, "second");
      const retried = await storeReport(ctx, { requestId, format: "pdf", content: second.chunks(), expiresAt: inDays(7) });
      expect(retried.replacedId).toBe(first.id);

      const rows = await ctx.db.selectFrom("reports").selectAll().where("request_id", "=", requestId).execute();
      expect(rows.map((r) => r.id)).toEqual([retried.id]);
      expect(await chunkCount(ctx, first.id)).toBe(0);
      const added = reportFiles().filter((f) => !filesBefore.includes(f));
      if (storage === "disk") {
        expect(added).toEqual([rows[0]!.storage_key]);
        expect(await chunkCount(ctx)).toBe(chunksBefore);
      } else {
        expect(added).toEqual([]);
        expect(await chunkCount(ctx)).toBe(chunksBefore + (await chunkCount(ctx, retried.id)));
      }
      const opened = await openReport(ctx, { requestId, format: "pdf" });
      if (!opened.ok) throw new Error("expected ok");
      expect((await collect(opened.stream)).equals(second.bytes)).toBe(true);
    });

    it("[OPS]: a render that fails mid-stream leaves the earlier report intact and no leftovers", async () => {
      const ctx = h.context({ REPORT_STORAGE: storage });
      const requestId = await insertRequest(ctx.db);
      const good = makeReport(200_000, "good");
      await storeReport(ctx, { requestId, format: "json", content: good.chunks(), expiresAt: inDays(7) });
      const filesBefore = reportFiles();
      const chunksBefore = await chunkCount(ctx);
      async function* failing(): AsyncGenerator<Buffer> {
        yield Buffer.alloc(300_000, 1);
        throw new Error("renderer crashed");
      }
      await expect(storeReport(ctx, { requestId, format: "json", content: failing(), expiresAt: inDays(7) })).rejects.toThrow("renderer crashed");
      expect(reportFiles()).toEqual(filesBefore);
      expect(await chunkCount(ctx)).toBe(chunksBefore);
      const opened = await openReport(ctx, { requestId, format: "json" });
      if (!opened.ok) throw new Error("expected ok");
      expect((await collect(opened.stream)).equals(good.bytes)).toBe(true);
    });
  });

  it("[OPS]: switching storage replaces a disk report with a database one and deletes the file", async () => {
    const requestId = await insertRequest(h.t.db);
    const onDisk = await storeReport(h.context({ REPORT_STORAGE: "disk" }), { requestId, format: "pdf", content: makeReport(1000).chunks(), expiresAt: inDays(7) });
    const key = (await h.t.db.selectFrom("reports").select("storage_key").where("id", "=", onDisk.id).executeTakeFirstOrThrow()).storage_key;
    expect(reportFiles()).toContain(key);
    await storeReport(h.context({ REPORT_STORAGE: "database" }), { requestId, format: "pdf", content: makeReport(1000).chunks(), expiresAt: inDays(7) });
    expect(reportFiles()).not.toContain(key);
  });

  it("[SECURITY]: an empty report round-trips; unknown and expired reports do not open", async () => {
    const ctx = h.context();
    const requestId = await insertRequest(ctx.db);
    await storeReport(ctx, { requestId, format: "json", content: [], expiresAt: inDays(1) });
    const opened = await openReport(ctx, { requestId, format: "json" });
    if (!opened.ok) throw new Error("expected ok");
    expect((await collect(opened.stream)).length).toBe(0);
    expect(await openReport(ctx, { requestId, format: "pdf" })).toEqual({ ok: false, code: "not_found" });
    expect(await openReport(ctx, { requestId, format: "json", now: inDays(2) })).toEqual({ ok: false, code: "expired" });
  });

  it("[SECURITY]: a blob moved under another report's row does not open (the report id is bound in)", async () => {
    const ctx = h.context({ REPORT_STORAGE: "disk" });
    const a = await insertRequest(ctx.db);
    const b = await insertRequest(ctx.db);
    const ra = await storeReport(ctx, { requestId: a, format: "pdf", content: makeReport(5000, "a").chunks(), expiresAt: inDays(7) });
    const rb = await storeReport(ctx, { requestId: b, format: "pdf", content: makeReport(5000, "a").chunks(), expiresAt: inDays(7) });
    const keyA = (await ctx.db.selectFrom("reports").select("storage_key").where("id", "=", ra.id).executeTakeFirstOrThrow()).storage_key;
    // Same plaintext, same hash: only the id binding can tell the blobs apart.
    await ctx.db.updateTable("reports").set({ storage_key: keyA }).where("id", "=", rb.id).execute();
    const opened = await openReport(ctx, { requestId: b, format: "pdf" });
    if (!opened.ok) throw new Error("expected ok");
    await expect(collect(opened.stream)).rejects.toBeInstanceOf(ReportBlobError);
  });
});

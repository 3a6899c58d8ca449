import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../../server/context";
import { exportRequestLog } from "../../../server/records/export-request-log";
import { testDialects } from "../../support/dialects";
import { collect, createHarness, insertRequest, type DeliveryHarness } from "./fixtures";

describe.each(testDialects())("7101 request log on $name", (dialect) => {
  let h: DeliveryHarness;
  let ctx: AppContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await createHarness(dialect);
    ctx = h.context();
    const base = { receipt_date: "2026-03-02" };
    // Inserted out of order: the log is in receipt order.
    ids.pending = await insertRequest(ctx.db, { ...base, state: "awaiting_verification", received_at: "2026-03-02 20:00:00.000" });
    ids.whole = await insertRequest(ctx.db, { ...base, type: "categories", state: "delivered", received_at: "2026-03-02 17:00:00.000", completed_at: "2026-04-01 06:30:00.000" });
    ids.partial = await insertRequest(ctx.db, { ...base, state: "expired", channel: "agent", received_at: "2026-03-02 18:00:00.000", completed_at: "2026-04-02 18:00:00.000", denial_reason: "exempt" });
    ids.denied = await insertRequest(ctx.db, { ...base, state: "denied", channel: "drp", received_at: "2026-03-02 19:00:00.000", completed_at: "2026-04-16 12:00:00.000", denial_reason: "unverifiable" });
    ids.withdrawn = await insertRequest(ctx.db, { ...base, state: "cancelled", channel: '=HYPERLINK("x")', received_at: "2026-03-02 21:00:00.000", completed_at: "2026-03-03 12:00:00.000" });
    ids.crafted = await insertRequest(ctx.db, { ...base, state: "denied", received_at: "2026-03-02 22:00:00.000", completed_at: "2026-03-04 12:00:00.000", denial_reason: "+cmd|' /C calc'!A0" });
    await insertRequest(ctx.db, { receipt_date: "2026-04-01", received_at: "2026-04-01 17:00:00.000" });
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it("[OPS]: lists the 7101(a) fields for every request received in the range, with no personal data", async () => {
    const csv = (await collect(exportRequestLog(ctx, { from: "2026-03-01", to: "2026-03-31" }))).toString("utf8");
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("request_id,received_date,request_type,channel,response_date,response_type,denial_basis");
    expect(lines.slice(1)).toEqual([
      // 2026-04-01 06:30 UTC is still March 31 in Los Angeles, the receipt-date zone.
      `${ids.whole},2026-03-02,right_to_know_categories,web,2026-03-31,complied_in_whole,`,
      `${ids.partial},2026-03-02,right_to_know_specific_pieces,agent,2026-04-02,complied_in_part,exempt`,
      `${ids.denied},2026-03-02,right_to_know_specific_pieces,drp,2026-04-16,denied,unverifiable`,
      `${ids.pending},2026-03-02,right_to_know_specific_pieces,web,,pending,`,
      `${ids.withdrawn},2026-03-02,right_to_know_specific_pieces,"'=HYPERLINK(""x"")",2026-03-03,withdrawn,`,
      `${ids.crafted},2026-03-02,right_to_know_specific_pieces,web,2026-03-04,denied,'+cmd|' /C calc'!A0`,
      "",
    ]);
    expect(csv).not.toContain("example.test");
    expect(csv).not.toContain("Núñez");
  });

  it("[SECURITY]: neutralises a cell that would run as a spreadsheet formula (X23)", async () => {
    const csv = (await collect(exportRequestLog(ctx, { from: "2026-03-01", to: "2026-03-31" }))).toString("utf8");
    expect(csv).not.toMatch(/(^|,)"?[=+@]/m);
    expect(csv).toContain(`"'=HYPERLINK(`);
    expect(csv).toContain(",'+cmd|");
  });

  it("[OPS]: pages through more requests than one query returns", async () => {
    for (let i = 0; i < 520; i++) {
      await insertRequest(ctx.db, { receipt_date: "2026-05-10", received_at: `2026-05-10 12:00:00.${String(i % 3).padStart(3, "0")}` });
    }
    const csv = (await collect(exportRequestLog(ctx, { from: "2026-05-01", to: "2026-05-31" }))).toString("utf8");
    const rows = csv.trim().split("\r\n").slice(1).map((l) => l.split(",")[0]);
    expect(rows).toHaveLength(520);
    expect(new Set(rows).size).toBe(520);
  });

  it("[OPS]: refuses a malformed or reversed range before reading anything", () => {
    expect(() => exportRequestLog(ctx, { from: "2026-02-30", to: "2026-03-31" })).toThrow(RangeError);
    expect(() => exportRequestLog(ctx, { from: "2026-04-01", to: "2026-03-01" })).toThrow(RangeError);
  });
});

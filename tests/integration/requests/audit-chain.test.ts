import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import { recordAuditEvent } from "../../../server/audit/record-audit-event";
import { verifyAuditChain } from "../../../server/audit/verify-audit-chain";
import type { AppContext } from "../../../server/context";
import type { AppError } from "../../../server/lib/errors";
import { runInWriteTransaction } from "../../../server/lib/transaction.repository";
import { createRequest } from "../../../server/requests/create-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext, sampleRequestInput } from "../../support/test-context";

const SYSTEM = { kind: "system" as const };

describe.each(testDialects())("audit hash chain on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  beforeEach(async () => {
    await t.db.deleteFrom("audit_events").execute();
  });

  it("[OPS]: events from services form one gapless chain that verifies", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    await transitionRequest(ctx, { requestId: id, to: "awaiting_verification", actor: SYSTEM });
    await recordAuditEvent(ctx, { actor: SYSTEM, action: "report.rendered", requestId: id, details: { format: "pdf", bytes: 1234 } });
    const rows = await t.db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_hash).toBe("0".repeat(64));
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, checked: 3 });
  });

  it("[OPS]: concurrent appenders never share or skip a seq", async () => {
    await recordAuditEvent(ctx, { actor: SYSTEM, action: "audit.genesis" });
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => recordAuditEvent(ctx, { actor: SYSTEM, action: "test.concurrent", details: { i } })),
    );
    const seqs = (await t.db.selectFrom("audit_events").select("seq").orderBy("seq").execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, checked: 26 });
  });

  it("[OPS]: transactions appending several events each, once-keyed events and single appends, all at once, still form one chain (ADR 055)", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    await t.db.deleteFrom("audit_events").execute();
    const results = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) =>
        runInWriteTransaction(ctx, async (tx) => {
          for (let j = 0; j < 3; j += 1) await recordAuditEvent(tx, { actor: SYSTEM, action: "test.batch", details: { i, j } });
          return (await recordAuditEvent(tx, { actor: SYSTEM, action: "test.once", requestId: id, onceKey: "day1" })).recorded;
        }),
      ),
      ...Array.from({ length: 8 }, (_, i) => recordAuditEvent(ctx, { actor: SYSTEM, action: "test.single", details: { i } }).then(() => false)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const seqs = (await t.db.selectFrom("audit_events").select("seq").orderBy("seq").execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 8 * 3 + 1 + 8 }, (_, i) => i + 1));
    expect(await verifyAuditChain(ctx)).toEqual({ ok: true, checked: 33 });
  });

  it("[OPS]: an edited row, a deleted row and a re-hashed row are each detected at their seq", async () => {
    for (let i = 0; i < 5; i += 1) await recordAuditEvent(ctx, { actor: SYSTEM, action: "test.row", details: { i } });
    await t.db.updateTable("audit_events").set({ details: '{"i":99}' }).where("seq", "=", 3).execute();
    expect(await verifyAuditChain(ctx)).toEqual({ ok: false, brokenSeq: 3, checked: 2 });

    await t.db.deleteFrom("audit_events").where("seq", "=", 3).execute();
    expect(await verifyAuditChain(ctx)).toMatchObject({ ok: false, brokenSeq: 3 });

    // A forger who recomputes row 4's own hash still breaks the link from row 5.
    await t.db.updateTable("audit_events").set({ seq: 3 }).where("seq", "=", 4).execute();
    expect(await verifyAuditChain(ctx)).toMatchObject({ ok: false, brokenSeq: 3 });
  });

  it("[OPS]: details with personal data are refused; once-keys record at most once", async () => {
    for (const details of [{ email: "ana@example.test" }, { name: "Ana Example" }] as Record<string, string>[]) {
      const error = await recordAuditEvent(ctx, { actor: SYSTEM, action: "test.pii", details }).catch((e: unknown) => e);
      expect((error as AppError).code).toBe("validation");
      expect(JSON.stringify((error as AppError).details)).not.toContain("example");
    }
    const { id } = await createRequest(ctx, sampleRequestInput());
    const once = { actor: SYSTEM, action: "deadline.reminder", requestId: id, onceKey: "2026-04-10" };
    expect(await recordAuditEvent(ctx, once)).toEqual({ recorded: true });
    expect(await recordAuditEvent(ctx, once)).toEqual({ recorded: false });
    expect(await recordAuditEvent(ctx, { ...once, onceKey: "2026-04-11" })).toEqual({ recorded: true });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { AppError } from "../../../server/lib/errors";
import { createRequest } from "../../../server/requests/create-request";
import { listRequestEvents } from "../../../server/requests/request-events.repository";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { backdatedRequestInput, createMigratedContext, sampleRequestInput } from "../../support/test-context";

describe.each(testDialects())("createRequest on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[OPS]: a phone request keeps its original receipt time and stores the legal dates (R4, R8)", async () => {
    const receivedAt = new Date("2026-03-02T17:00:00.000Z");
    const created = await createRequest(ctx, sampleRequestInput({ channel: "phone", receivedAt, actor: { kind: "staff" } }));
    const row = await t.db.selectFrom("requests").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      state: "received",
      channel: "phone",
      received_at: "2026-03-02 17:00:00.000",
      receipt_date: "2026-03-02",
      due_date: "2026-04-15",
      period: "12_months",
      period_start: "2025-03-02",
      period_end: "2026-03-02",
      extended_due_date: null,
      verification_level: "none",
      california_resident: 1,
      subject_email: "ana@example.test",
      version: 0,
    });
    expect(created).toMatchObject({ dueDate: "2026-04-15", confirmBy: "2026-03-16", maxExtendedDueDate: "2026-05-30" });
  });

  it("[CONSUMER]: a web request gets its event, an audit row and the confirmation mail job together (R7)", async () => {
    const created = await createRequest(ctx, sampleRequestInput({ period: "since_2022", type: "specific" }));
    const row = await t.db.selectFrom("requests").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.period_start).toBe("2022-01-01");
    expect(Date.now() - new Date(row.received_at.replace(" ", "T") + "Z").getTime()).toBeLessThan(60_000);

    const events = await listRequestEvents(t.db, created.id);
    expect(events).toEqual([expect.objectContaining({ from_state: null, to_state: "received", actor_kind: "consumer" })]);
    const audit = await t.db.selectFrom("audit_events").selectAll().where("request_id", "=", created.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe("request.received");
    expect(audit[0]!.details).not.toMatch(/Ana|example\.test/i);
    // A web request's receipt waits until its address proves itself with a code (issue 16 item 2;
    // tests/integration/mail/receipt-after-code.test.ts).
    const jobs = await t.db.selectFrom("jobs").selectAll().where("idempotency_key", "=", `send_mail:request_received:${created.id}`).execute();
    expect(jobs).toHaveLength(0);
  });

  it("[CONSUMER]: bad input changes nothing and the error names fields, never values", async () => {
    const before = await t.db.selectFrom("requests").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const attempts = [
      sampleRequestInput({ subject: { name: "Ana Example", email: "not-an-email" } }),
      sampleRequestInput({ receivedAt: new Date("2026-01-01T00:00:00Z") }), // web requests are stamped by the server
      backdatedRequestInput(-2), // in the future
      sampleRequestInput({ channel: "agent", actor: { kind: "agent" } }), // no agent id
      backdatedRequestInput(3, { actor: { kind: "consumer" } }), // only staff may backdate
    ];
    for (const input of attempts) {
      const error = await createRequest(ctx, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation");
      expect(JSON.stringify((error as AppError).details) + (error as Error).message).not.toContain("not-an-email");
    }
    const after = await t.db.selectFrom("requests").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("[OPS]: when the last step (the mail job) fails, the request, its event and its audit row are rolled back", async () => {
    const count = async (table: "requests" | "request_events" | "audit_events") =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const before = { requests: await count("requests"), events: await count("request_events"), audit: await count("audit_events") };
    // A real failure of the real database at the transaction's last statement: the jobs table is gone.
    // A phone request (staff-entered) queues its receipt at once; a web one waits for the code.
    await t.db.schema.alterTable("jobs").renameTo("jobs_offline").execute();
    try {
      await expect(createRequest(ctx, sampleRequestInput({ channel: "phone" }))).rejects.toThrow();
    } finally {
      await t.db.schema.alterTable("jobs_offline").renameTo("jobs").execute();
    }
    expect({ requests: await count("requests"), events: await count("request_events"), audit: await count("audit_events") }).toEqual(before);
    // And the service works again once the table is back.
    await expect(createRequest(ctx, sampleRequestInput())).resolves.toMatchObject({ state: "received" });
  });
});
